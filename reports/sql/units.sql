SELECT unit_code, unit_name, kind FROM units ORDER BY kind DESC, unit_code
