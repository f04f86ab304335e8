-- Settings the office may change (the reporting deadline: the Nth of the following month).
CREATE TABLE settings (
    key    VARCHAR PRIMARY KEY,
    value  VARCHAR NOT NULL
);
INSERT INTO settings VALUES ('deadline_day', '5');
