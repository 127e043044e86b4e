-- DDL, DML and queries for the sqlite3 shell (tests/sqlite/run.sh): the output on Yolk must be
-- the host's sqlite3's, byte for byte. Nothing here depends on the clock or on randomness.
.headers on
.mode list
PRAGMA journal_mode=DELETE;
CREATE TABLE author(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, born INTEGER);
CREATE TABLE book(id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES author(id),
                  title TEXT, year INTEGER, price REAL, tags TEXT);
CREATE INDEX book_year ON book(year);
CREATE TABLE audit(event TEXT);
CREATE TRIGGER book_priced AFTER UPDATE OF price ON book
  BEGIN INSERT INTO audit VALUES ('price of ' || old.title || ': ' || old.price || ' -> ' || new.price); END;
CREATE VIEW book_by_author AS
  SELECT a.name AS author, b.title, b.year FROM book b JOIN author a ON a.id = b.author_id;
BEGIN;
INSERT INTO author(name, born) VALUES ('Ursula K. Le Guin', 1929), ('Stanisław Lem', 1921),
  ('Octavia E. Butler', 1947), ('Italo Calvino', 1923);
INSERT INTO book(author_id, title, year, price, tags) VALUES
  (1, 'The Dispossessed', 1974, 9.99, '["utopia","anarchism"]'),
  (1, 'The Left Hand of Darkness', 1969, 8.5, '["gender"]'),
  (2, 'Solaris', 1961, 7.25, '["ocean","contact"]'),
  (2, 'The Cyberiad', 1965, 11.0, '["robots","humour"]'),
  (3, 'Kindred', 1979, 10.75, '["time travel"]'),
  (4, 'Invisible Cities', 1972, 12.4, '["cities"]'),
  (4, 'If on a winter''s night a traveler', 1979, 13.0, '[]');
COMMIT;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
  INSERT INTO audit SELECT printf('filler %03d', i) FROM n;
DELETE FROM audit WHERE event LIKE 'filler%' AND CAST(substr(event, 8) AS INTEGER) % 7 != 0;
SELECT count(*) AS fillers, min(event), max(event) FROM audit;
UPDATE book SET price = round(price * 1.1, 2) WHERE year < 1970;
SELECT * FROM audit WHERE event LIKE 'price%' ORDER BY event;
SELECT author, count(*) AS books, min(year) AS first FROM book_by_author GROUP BY author ORDER BY author;
.mode box
SELECT title, year, price, rank() OVER (ORDER BY price DESC) AS by_price,
       sum(price) OVER (PARTITION BY author_id ORDER BY year) AS running
  FROM book ORDER BY year, title;
.mode csv
SELECT b.title, j.value AS tag FROM book b, json_each(b.tags) j ORDER BY b.title, j.value;
.mode json
SELECT name, born, (SELECT json_group_array(title) FROM book WHERE author_id = author.id) AS titles
  FROM author ORDER BY born;
.mode line
SELECT printf('%.3f', avg(price)) AS average, total(price) AS total, group_concat(id, '+') AS ids
  FROM book;
.mode column
SELECT date('2024-02-28', '+1 day') AS leap, strftime('%j', '2023-12-31') AS day_of_year,
       julianday('2000-01-01') AS julian, hex(zeroblob(3)) AS blob, typeof(1.0 * 3) AS type;
CREATE VIRTUAL TABLE note USING fts5(body);
INSERT INTO note VALUES ('the ocean planet thinks'), ('robots write poetry'), ('an ocean of cities');
SELECT body FROM note WHERE note MATCH 'ocean' ORDER BY rank, body;
CREATE VIRTUAL TABLE box USING rtree(id, x0, x1, y0, y1);
INSERT INTO box VALUES (1, 0, 10, 0, 10), (2, 5, 15, 5, 15), (3, 20, 30, 20, 30);
SELECT id FROM box WHERE x1 >= 8 AND x0 <= 12 AND y1 >= 8 AND y0 <= 12 ORDER BY id;
SAVEPOINT before_delete;
DELETE FROM book WHERE year > 1975;
SELECT count(*) AS after_delete FROM book;
ROLLBACK TO before_delete;
RELEASE before_delete;
SELECT count(*) AS after_rollback FROM book;
INSERT INTO author(name) VALUES ('Stanisław Lem');
SELECT name FROM author WHERE rowid = last_insert_rowid();
.mode list
PRAGMA integrity_check;
PRAGMA foreign_key_check;
SELECT name, type FROM sqlite_schema ORDER BY name;
.tables
.schema author
