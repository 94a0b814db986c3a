-- A member's appointments of a day, for /today and the morning digest.
CREATE INDEX appointments_by_owner ON appointments (owner_id, at);
