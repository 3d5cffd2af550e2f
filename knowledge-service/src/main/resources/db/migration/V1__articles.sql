-- Identity of this database: a search index built from another database (or none) is rebuilt.
create table kb_instance (
    id uuid primary key default gen_random_uuid()
);
insert into kb_instance default values;

-- An article: its stable identity and type. Content lives in its versions.
create table article (
    id                 uuid primary key,
    slug               text not null unique,
    kind               text not null,
    published_version  integer,          -- the one version answers and search serve, if any
    latest_version     integer not null,
    created_at         timestamptz not null,
    created_by         text not null,
    updated_at         timestamptz not null,
    row_version        bigint not null default 0
);

-- Every version of an article: draft -> review -> published -> archived.
create table article_version (
    id             uuid primary key,
    article_id     uuid not null references article (id),
    version        integer not null,
    status         text not null,
    title          text not null,
    body           text not null,
    category       text not null,
    tags           text not null default '',     -- comma-separated
    problem_types  text not null default '',     -- comma-separated
    channels       text not null default '',     -- comma-separated; empty = every channel
    audience       text not null,                -- agent | customer
    valid_from     timestamptz,
    valid_until    timestamptz,
    review_due     date,
    created_at     timestamptz not null,
    created_by     text not null,
    updated_at     timestamptz not null,
    row_version    bigint not null default 0,
    constraint article_version_number unique (article_id, version)
);
create index article_version_status on article_version (status, updated_at);

-- Who did what to which version, when.
create table article_history (
    id          uuid primary key,
    article_id  uuid not null references article (id),
    version     integer not null,
    action      text not null,     -- created, edited, submitted, published, superseded, archived
    actor       text not null,
    at          timestamptz not null
);
create index article_history_article on article_history (article_id, at);

-- Searches and questions without a good result, grouped by normalised wording.
create table knowledge_gap (
    normalized_query  text not null,
    source            text not null,       -- search | answer
    sample_query      text not null,
    occurrences       bigint not null,
    first_seen_at     timestamptz not null,
    last_seen_at      timestamptz not null,
    primary key (normalized_query, source)
);

-- Helpful / not helpful on an article version, from agents and bot users.
create table article_feedback (
    id          uuid primary key,
    article_id  uuid not null references article (id),
    version     integer not null,
    helpful     boolean not null,
    question    text,
    comment     text,
    given_by    text not null,
    given_at    timestamptz not null
);
create index article_feedback_article on article_feedback (article_id);

-- How often an article was served (answers, suggestions): to find articles never used.
create table article_usage (
    article_id  uuid primary key references article (id),
    served      bigint not null,
    last_served_at timestamptz not null
);
