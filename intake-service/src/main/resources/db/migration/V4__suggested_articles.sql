-- The latest knowledge.suggested per complaint (knowledge-service's articles for the agent's desk).
-- A later suggestion (by suggested_at) replaces the earlier one; an older one arriving late is ignored.
CREATE TABLE suggested_articles (
    complaint_id uuid PRIMARY KEY REFERENCES complaint (id),
    suggested_at timestamptz NOT NULL,
    articles text NOT NULL -- JSON array of {title, slug, version, score}, best first
);
