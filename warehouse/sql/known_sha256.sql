SELECT sha256 FROM received_files
