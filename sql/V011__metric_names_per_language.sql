-- A metric's name and description per language ({"en": "...", "ko": "..."}), and names per
-- language for its label values ({"region": {"kr": {"ko": "한국"}}}; a value without a name in
-- a language is shown as stored).
-- Existing text becomes the English (default) text.
ALTER TABLE metrics ALTER COLUMN name TYPE jsonb USING jsonb_build_object('en', name);
ALTER TABLE metrics ALTER COLUMN description DROP DEFAULT;
ALTER TABLE metrics ALTER COLUMN description TYPE jsonb USING jsonb_build_object('en', description);
ALTER TABLE metrics ALTER COLUMN description SET DEFAULT '{"en": ""}';
ALTER TABLE metrics ADD COLUMN label_values jsonb NOT NULL DEFAULT '{}';

-- Every name and description has the default language, which clients that know one language get.
ALTER TABLE metrics ADD CONSTRAINT metrics_name_has_en
  CHECK (jsonb_typeof(name) = 'object' AND jsonb_typeof(name -> 'en') = 'string');
ALTER TABLE metrics ADD CONSTRAINT metrics_description_has_en
  CHECK (jsonb_typeof(description) = 'object' AND jsonb_typeof(description -> 'en') = 'string');
ALTER TABLE metrics ADD CONSTRAINT metrics_label_values_object CHECK (jsonb_typeof(label_values) = 'object');

-- Databases seeded before this migration: the page used to carry the Korean names of the
-- report's metrics and regions in its code. They now live in the data; give them to the seeded
-- metrics whose English name is still the seeded one, as a fresh seed would.
UPDATE metrics m SET name = m.name || jsonb_build_object('ko', k.ko),
       label_values = jsonb_build_object('region', jsonb_build_object(
         'global', jsonb_build_object('ko', '전 세계'),
         'kr', jsonb_build_object('ko', '한국'),
         'asia', jsonb_build_object('ko', '아시아')))
FROM (VALUES ('weekly_users', 'Weekly active users', '주간 활성 사용자'),
             ('weekly_users_yoy', 'Weekly users vs a year earlier', '주간 사용자 (전년 대비)'),
             ('paid_subscribers_yoy', 'Paid subscribers vs a year earlier', '유료 구독자 (전년 대비)'),
             ('offices', 'Offices', '지사')) AS k(id, en, ko)
WHERE m.id = k.id AND m.name = jsonb_build_object('en', k.en) AND m.labels = '{region}'
  AND m.label_values = '{}';
