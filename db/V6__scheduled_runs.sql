-- Scheduled jobs run once per cluster: every instance's timer fires, the first to claim the time slot runs the job.
create table scheduled_runs (
    job        text        not null,
    slot       timestamptz not null,
    instance   text,
    claimed_at timestamptz not null default now(),
    primary key (job, slot)
);
