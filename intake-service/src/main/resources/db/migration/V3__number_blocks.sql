-- Complaint numbers are handed out from blocks of 50 held in memory by each replica, which saves a
-- round trip per complaint. A restart leaves a gap of at most one block; numbers stay unique.
alter sequence complaint_number_seq increment by 50;
