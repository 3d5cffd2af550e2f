-- Departments that take complaints, and the problem types each one owns.
create table department (
    code        text primary key,
    name        text not null,
    updated_at  timestamptz not null
);

create table problem_type (
    code              text primary key,
    name              text not null,
    department        text not null references department (code),
    default_priority  text not null
);

-- Agents: skills are problem types, languages and channels they handle (comma-separated; empty
-- means any); open_complaints is their current load, capacity its maximum.
create table agent (
    id                text primary key,
    name              text not null,
    department        text not null references department (code),
    skills            text not null,
    languages         text not null,
    channels          text not null,
    capacity          integer not null check (capacity >= 0),
    on_duty           boolean not null,
    open_complaints   integer not null default 0 check (open_complaints >= 0),
    last_assigned_at  timestamptz,
    updated_at        timestamptz not null,
    version           bigint not null default 0
);
create index agent_department on agent (department);

-- Versioned rule sets: one is active; assignments record the version that decided them.
create table rule_set (
    version       integer primary key,
    status        text not null,             -- draft, active, retired
    description   text,
    rules         text not null,             -- JSON array of rules
    created_by    text not null,
    created_at    timestamptz not null,
    activated_at  timestamptz
);
create unique index rule_set_one_active on rule_set (status) where status = 'active';

-- The current assignment of each complaint with the explanation of the decision.
create table assignment (
    complaint_id      uuid primary key,
    number            text not null,
    customer_id       text not null,
    channel           text not null,
    text              text not null,         -- subject and description, to re-route on transfer
    department        text not null,
    agent_id          text,
    status            text not null,         -- assigned, queued
    problem_type      text not null,
    priority          text not null,
    risk              boolean not null,
    explanation       text not null,         -- JSON: the decision as published
    rule_set_version  integer not null,
    transfer_count    integer not null default 0,
    departments_seen  text not null,         -- comma-separated, in order
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    version           bigint not null default 0
);
create index assignment_customer on assignment (customer_id, created_at desc);
create index assignment_queue on assignment (department, created_at) where status = 'queued';

-- Seed: a fresh suite routes out of the box.
insert into department (code, name, updated_at) values
    ('tech-support', '技术支持部', now()),
    ('product', '产品部', now()),
    ('after-sales', '售后服务部', now()),
    ('logistics', '物流部', now()),
    ('billing', '账务部', now()),
    ('legal', '法务部', now()),
    ('pr', '公关部', now()),
    ('service-desk', '客服中心', now());

insert into problem_type (code, name, department, default_priority) values
    ('account-stolen', '账户被盗', 'tech-support', 'urgent'),
    ('service-outage', '服务中断', 'tech-support', 'urgent'),
    ('safety-hazard', '安全隐患', 'after-sales', 'urgent'),
    ('money-lost', '资金损失', 'billing', 'urgent'),
    ('billing-dispute', '计费争议', 'billing', 'general'),
    ('refund', '退款退货', 'after-sales', 'general'),
    ('delivery', '物流配送', 'logistics', 'general'),
    ('product-quality', '产品质量', 'after-sales', 'general'),
    ('technical-fault', '技术故障', 'tech-support', 'general'),
    ('service-attitude', '服务态度', 'service-desk', 'general'),
    ('product-suggestion', '产品建议', 'product', 'general'),
    ('consultation', '咨询', 'service-desk', 'low');

insert into agent (id, name, department, skills, languages, channels, capacity, on_duty, updated_at) values
    ('ts-zhang', '张伟', 'tech-support', 'account-stolen,service-outage,technical-fault', 'zh,en', '', 8, true, now()),
    ('ts-li', '李娜', 'tech-support', 'account-stolen,service-outage,technical-fault', 'zh', '', 8, true, now()),
    ('pd-wang', '王芳', 'product', 'product-suggestion', 'zh,en', '', 10, true, now()),
    ('as-liu', '刘洋', 'after-sales', 'safety-hazard,refund,product-quality', 'zh', '', 8, true, now()),
    ('as-chen', '陈静', 'after-sales', 'refund,product-quality', 'zh', '', 8, true, now()),
    ('lg-yang', '杨磊', 'logistics', 'delivery', 'zh', '', 10, true, now()),
    ('bl-zhao', '赵敏', 'billing', 'money-lost,billing-dispute', 'zh,en', '', 8, true, now()),
    ('lw-huang', '黄律', 'legal', '', 'zh,en', '', 20, true, now()),
    ('pr-zhou', '周婷', 'pr', '', 'zh,en', '', 20, true, now()),
    ('sd-wu', '吴昊', 'service-desk', 'service-attitude,consultation', 'zh,en', '', 12, true, now()),
    ('sd-xu', '徐丽', 'service-desk', 'service-attitude,consultation', 'zh', 'phone,counter', 12, true, now());

insert into rule_set (version, status, description, rules, created_by, created_at, activated_at) values
    (1, 'active', 'Seed rules: unmistakable urgent phrases decide before the classifier.', '[
  {"name": "account-stolen-phrases", "keywords": ["账户被盗", "帐户被盗", "账号被盗", "帐号被盗", "被盗刷", "盗号", "异地登录"],
   "problemType": "account-stolen", "priority": "urgent"},
  {"name": "safety-phrases", "keywords": ["起火", "冒烟", "爆炸", "漏电", "漏气", "食物中毒", "冒火花", "差点出事"],
   "problemType": "safety-hazard", "priority": "urgent"},
  {"name": "outage-phrases", "regex": "宕机|服务中断|断网|无服务|全部功能无法使用|(网站|系统|服务).{0,4}(挂了|崩溃)",
   "problemType": "service-outage", "priority": "urgent"},
  {"name": "money-lost-phrases", "regex": "没到账|钱不见了|凭空消失|扣了双倍|钱也没退回|余额莫名其妙少了",
   "problemType": "money-lost", "priority": "urgent"}
]', 'seed', now(), now());
