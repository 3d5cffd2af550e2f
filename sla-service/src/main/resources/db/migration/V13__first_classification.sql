-- First classification right (需求理解准确率): routing-service's assignment.reclassified says the
-- problem type it first decided for a complaint was corrected (an agent's reclassification or an
-- accepted transfer to a department owning another type). Kept on the assignment, because it may
-- be consumed before the complaint's complaint.received (another topic), and copied onto the
-- complaint's KPI facts with the rest of the assignment. reclassified_at is the first correction
-- (the event's reclassifiedAt); first_problem_type is the type routing decided on arrival.
alter table sla_assignment
    add column first_problem_type text,
    add column reclassified_at    timestamptz;

alter table sla_complaint
    add column first_problem_type text,
    add column reclassified_at    timestamptz;
