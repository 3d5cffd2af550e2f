-- Issue 19: a catalogue that fits a real centre, editable in versions; classifier models in
-- versions, retrained from agents' corrections.

-- Activities and promotions get their owner.
insert into department (code, name, updated_at) values ('marketing', '市场运营部', now())
    on conflict (code) do nothing;

alter table problem_type add column description text not null default '';

insert into problem_type (code, name, department, default_priority) values
    ('privacy-leak', '隐私与信息泄露', 'legal', 'urgent'),
    ('repair-installation', '报修与上门服务', 'after-sales', 'general'),
    ('activity-promotion', '活动与优惠', 'marketing', 'general')
    on conflict (code) do nothing;

insert into agent (id, name, department, skills, languages, channels, capacity, on_duty, updated_at) values
    ('mk-sun', '孙悦', 'marketing', 'activity-promotion', 'zh,en', '', 10, true, now()),
    ('mk-he', '何佳', 'marketing', 'activity-promotion', 'zh', '', 10, true, now())
    on conflict (id) do nothing;
update agent set skills = skills || ',repair-installation'
    where id in ('as-liu', 'as-chen') and skills not like '%repair-installation%';

-- Descriptions (docs/problem-types.md), shown to agents and supervisors.
update problem_type set description = '他人登录或盗用了客户的账户：非本人登录、密码/手机被改、非本人下单或支付、未申请的验证码后无法登录' where code = 'account-stolen';
update problem_type set description = '客户个人信息被泄露或滥用：骗子知道订单信息、信息被他人看到或共享、注销后未删除；账户本身未被盗' where code = 'privacy-leak';
update problem_type set description = '服务整体中断，通常影响很多人：断网、App/网站完全打不开、支付通道全部不可用、宕机' where code = 'service-outage';
update problem_type set description = '产品或服务危及人身安全：起火、冒烟、漏电、燃气泄漏、爆炸、食物中毒、过敏、伤害儿童' where code = 'safety-hazard';
update problem_type set description = '客户的钱在公司系统里不见了：已付款未到账、充值未到账、余额莫名减少、显示已退款却未到账' where code = 'money-lost';
update problem_type set description = '对收费或发票有异议：多扣费、重复扣费、资费与承诺不符、自动续费、发票错误或缺失' where code = 'billing-dispute';
update problem_type set description = '退货退款：无法申请、被拒绝、太慢、换货、退货运费、七天无理由' where code = 'refund';
update problem_type set description = '物流配送：慢、卡住、丢件、显示签收未收到、地址错误、运输中损坏、快递员未联系' where code = 'delivery';
update problem_type set description = '产品本身有缺陷或与描述不符：到货即坏、不能用、质量差、假货、型号颜色尺寸错、缺件、过期' where code = 'product-quality';
update problem_type set description = '报修、安装与上门服务：预约师傅、师傅未到或迟到、安装不当、反复返修、上门乱收费、保修维修' where code = 'repair-installation';
update problem_type set description = '某个功能对该客户出错：闪退、报错、无法登录（无被盗迹象）、收不到验证码、按钮无效、更新后出bug' where code = 'technical-fault';
update problem_type set description = '营销活动与权益：活动规则、优惠券不能用或消失、抽奖与奖品未发、报名、积分与兑换、满减折扣价保未生效' where code = 'activity-promotion';
update problem_type set description = '工作人员的态度：粗鲁、不耐烦、挂电话、推诿、承诺不兑现、多次联系无回复、被来回转接、只有机器人' where code = 'service-attitude';
update problem_type set description = '改进产品或服务的建议、功能需求、设计反馈，没有具体故障' where code = 'product-suggestion';
update problem_type set description = '咨询而非投诉：怎么操作、政策是什么、营业时间、已有工单的进度查询' where code = 'consultation';

-- The problem-type catalogue in versions (draft -> active -> retired; one active), like rule
-- sets. problem_type holds the active version's types: activation replaces its rows in the same
-- transaction, so every reader (routing, agents' skills) sees one catalogue.
create table catalogue_version (
    version       integer primary key,
    status        text not null,
    description   text,
    types         text not null,             -- JSON array: code, name, department, defaultPriority, description
    created_by    text not null,
    created_at    timestamptz not null,
    activated_at  timestamptz
);
create unique index catalogue_one_active on catalogue_version (status) where status = 'active';

insert into catalogue_version (version, status, description, types, created_by, created_at, activated_at)
select 1, 'active', 'The seed catalogue: 15 problem types (docs/problem-types.md).',
       json_agg(json_build_object('code', code, 'name', name, 'department', department,
                                  'defaultPriority', default_priority, 'description', description)
                order by code)::text,
       'seed', now(), now()
from problem_type;

-- Labels that agents corrected (reclassify, transfers that moved a complaint to another type) and
-- examples an administrator added for a new type. Retraining learns from them.
create table labelled_example (
    id             bigserial primary key,
    complaint_id   uuid,
    text           text not null,
    problem_type   text not null,
    previous_type  text,
    source         text not null,            -- reclassify, transfer, admin
    labelled_by    text not null,
    reason         text,
    created_at     timestamptz not null
);
create index labelled_example_complaint on labelled_example (complaint_id);

-- Classifier models: the shipped corpus plus the labelled examples up to examples_up_to (a model
-- is rebuilt from them, deterministically, on every replica). A retrained model is activated only
-- if its held-out accuracy is not below the model in force, measured side by side at retraining.
create table classifier_model (
    version           integer primary key,
    status            text not null,         -- active, retired, rejected
    examples_up_to    bigint not null,
    trained_on        integer not null,
    problem_types     integer not null,
    held_out_accuracy double precision,      -- null for version 1: the shipped corpus, see the report
    baseline_accuracy double precision,      -- the model in force, measured at the same time
    held_out_urgent_recall double precision,
    reason            text not null,
    created_by        text not null,
    created_at        timestamptz not null,
    activated_at      timestamptz
);
create unique index classifier_model_one_active on classifier_model (status) where status = 'active';

-- First classification right (需求理解准确率): the type routing first decided, kept when an agent or
-- a transfer corrects it (null: never corrected).
alter table assignment
    add column first_problem_type text,
    add column reclassified_at    timestamptz;
