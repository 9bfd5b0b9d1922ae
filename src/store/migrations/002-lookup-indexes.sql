-- Lookups by field (Collection.find): the people of a role, a district or a division
-- (Users.find, for notices, reminders and escalations) without reading every user.
-- The expressions are the ones find() writes, so the planner can use them.
CREATE INDEX docs_role ON docs (collection, (data->>'role'));
CREATE INDEX docs_district ON docs (collection, (data->>'districtId'));
CREATE INDEX docs_division ON docs (collection, (data->>'divisionId'));
