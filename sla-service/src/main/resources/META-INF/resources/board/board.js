// The supervisor's live board. Reads the state (GET /api/v1/board), then follows the server-sent
// events of /api/v1/board/stream read with fetch (EventSource cannot send the Authorization
// header), reconnecting by itself and re-reading the state after every (re)connect. Every text
// from the data goes in through textContent, never as HTML.
'use strict';

const TOKEN_KEY = 'board.token';
const LANG_KEY = 'board.lang';
const REFRESH_MS = 30000; // KPIs and backlog change with every complaint event: re-read periodically
const STALE_MS = 45000; // no byte (not even a ping) for this long: the stream is dead, reconnect

const TEXT = {
  zh: {
    title: '客服监控看板', offline: '未连接', live: '实时', connecting: '连接中', logout: '退出',
    volume: '今日投诉量', lastWeek: '上周同期', responseInTimeRate: '响应及时率',
    firstContactResolutionRate: '一次性解决率', csat: '满意度 CSAT', nps: '净推荐值 NPS',
    firstClassificationRight: '需求理解准确率', target: '目标 ≥', belowTarget: '低于目标',
    openAlerts: '待确认预警', backlogTotal: '积压工单', alerts: '实时预警', noAlerts: '暂无待确认预警',
    byHour: '分时段投诉量（排班参考）', byType: '今日问题类型分布', backlog: '积压（部门 / 坐席）',
    department: '部门', agent: '坐席', open: '未结', overdue: '已超时', incidents: '群体事件（激增）',
    noIncidents: '无进行中的群体事件', risk: '舆情风险', noRisk: '暂无舆情风险工单',
    callbacks: '待回访（主管二次回访）', noCallbacks: '暂无待回访', loginTitle: '主管登录',
    channels: '渠道连接异常', noChannels: '各渠道连接正常', pending: '待发送', dead: '已失败', since: '自',
    loginHint: '粘贴主管的访问令牌（Bearer token，本地环境：./suite token supervisor）。',
    token: '访问令牌', login: '登录', ack: '确认', today: '今日', queued: '排队中',
    badToken: '令牌无效或已过期', notSupervisor: '该令牌没有主管（supervisor）角色',
    unreachable: '无法连接服务，稍后自动重试', deadline: '时限', raised: '触发', due: '截止',
    complaints: '工单', members: '涉及工单', peak: '峰值', detected: '发现于', subsided: '已回落',
    alsoRoutedTo: '同时转交', outcome: '', reasons: '原因', lang: 'English',
    kind: { warning: '预警', breached: '超时', escalated: '升级', 'callback-overdue': '回访超时' },
    timer: { response: '首次响应', resolution: '解决', callback: '主管回访' },
    priority: { urgent: '紧急', general: '一般', low: '低' },
    status: { open: '处理中', mitigating: '缓解中', resolved: '已解决', received: '待响应',
      'in-progress': '处理中', closed: '已关闭', unknown: '未知' },
    reason: { 'poor-answer': '差评', urgent: '紧急工单' },
    connState: { failing: '失败中', disabled: '已停用', healthy: '正常' },
    channel: { 'web-chat': '网页在线客服', app: 'App', 'social-media': '社交媒体', sms: '短信', phone: '电话' },
    category: { regulator: '监管投诉', lawsuit: '诉讼', media: '媒体曝光', viral: '网络传播' },
    kpiName: { backlog: '积压', csat: '满意度', responseInTimeRate: '响应及时率' },
    thresholdCrossed: '阈值告警', surge: '投诉激增',
    departments: { 'tech-support': '技术支持部', product: '产品部', 'after-sales': '售后服务部',
      logistics: '物流部', billing: '账务部', legal: '法务部', pr: '公关部', 'service-desk': '客服中心',
      unassigned: '未分配', all: '全部' },
    problemTypes: { 'account-stolen': '账户被盗', 'service-outage': '服务中断', 'safety-hazard': '安全隐患',
      'money-lost': '资金损失', 'billing-dispute': '计费争议', refund: '退款退货', delivery: '物流配送',
      'product-quality': '产品质量', 'technical-fault': '技术故障', 'service-attitude': '服务态度',
      'product-suggestion': '产品建议', consultation: '咨询', unknown: '未分类' },
    series: { today: '今日', lastWeek: '上周同期' },
  },
  en: {
    title: 'Customer-service live board', offline: 'offline', live: 'live', connecting: 'connecting',
    logout: 'Log out', volume: 'Complaints today', lastWeek: 'last week', responseInTimeRate: 'Response in time',
    firstContactResolutionRate: 'First-contact resolution', csat: 'CSAT', nps: 'NPS',
    firstClassificationRight: 'Classified right first time', target: 'target ≥',
    belowTarget: 'below target',
    openAlerts: 'Open alerts', backlogTotal: 'Backlog', alerts: 'Live SLA alerts', noAlerts: 'No open alerts',
    byHour: 'Volume by hour (staffing)', byType: 'Problem types today', backlog: 'Backlog (department / agent)',
    department: 'Department', agent: 'Agent', open: 'Open', overdue: 'Overdue', incidents: 'Mass incidents (spikes)',
    noIncidents: 'No active incident', risk: 'Public-opinion risk', noRisk: 'No risk case',
    callbacks: 'Pending call-backs', noCallbacks: 'No pending call-back', loginTitle: 'Supervisor login',
    channels: 'Channel connections needing attention', noChannels: 'All channel connections healthy',
    pending: 'pending', dead: 'dead', since: 'since',
    loginHint: 'Paste a supervisor\'s bearer token (locally: ./suite token supervisor).',
    token: 'Access token', login: 'Log in', ack: 'Acknowledge', today: 'today', queued: 'queued',
    badToken: 'The token is invalid or has expired', notSupervisor: 'The token lacks the supervisor role',
    unreachable: 'Cannot reach the service, retrying', deadline: 'deadline', raised: 'raised', due: 'due',
    complaints: 'complaints', members: 'Complaints', peak: 'peak', detected: 'detected', subsided: 'subsided',
    alsoRoutedTo: 'also to', outcome: '', reasons: 'reasons', lang: '中文',
    kind: { warning: 'Warning', breached: 'Breached', escalated: 'Escalated', 'callback-overdue': 'Call-back overdue' },
    timer: { response: 'first response', resolution: 'resolution', callback: 'supervisor call-back' },
    priority: { urgent: 'urgent', general: 'general', low: 'low' },
    status: { open: 'open', mitigating: 'mitigating', resolved: 'resolved', received: 'awaiting response',
      'in-progress': 'in progress', closed: 'closed', unknown: 'unknown' },
    reason: { 'poor-answer': 'poor answer', urgent: 'urgent' },
    connState: { failing: 'failing', disabled: 'disabled', healthy: 'healthy' },
    channel: { 'web-chat': 'Web chat', app: 'App', 'social-media': 'Social media', sms: 'SMS', phone: 'Phone' },
    category: { regulator: 'regulator', lawsuit: 'lawsuit', media: 'media', viral: 'viral' },
    kpiName: { backlog: 'Backlog', csat: 'CSAT', responseInTimeRate: 'Response in time' },
    thresholdCrossed: 'threshold', surge: ': surge of complaints',
    departments: { 'tech-support': 'Tech support', product: 'Product', 'after-sales': 'After-sales',
      logistics: 'Logistics', billing: 'Billing', legal: 'Legal', pr: 'PR', 'service-desk': 'Service desk',
      unassigned: 'Unassigned', all: 'all' },
    problemTypes: { 'account-stolen': 'Account stolen', 'service-outage': 'Service outage',
      'safety-hazard': 'Safety hazard', 'money-lost': 'Money lost', 'billing-dispute': 'Billing dispute',
      refund: 'Refund', delivery: 'Delivery', 'product-quality': 'Product quality',
      'technical-fault': 'Technical fault', 'service-attitude': 'Service attitude',
      'product-suggestion': 'Product suggestion', consultation: 'Consultation', unknown: 'Unclassified' },
    series: { today: 'Today', lastWeek: 'Last week' },
  },
};

const board = {
  lang: localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh',
  state: null, // the last GET /api/v1/board
  fetchedAt: 0,
  alerts: new Map(), // open alerts by id
  charts: {},
  stream: null, // AbortController of the running stream
  lastByteAt: 0,
  retryMs: 1000,
};
window.board = board; // for the browser tests and the console

const $ = (id) => document.getElementById(id);
const t = (key) => TEXT[board.lang][key] ?? key;
const label = (group, key) => (key == null ? '' : TEXT[board.lang][group][key] ?? key);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null) continue;
    if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c == null) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

// ---- authentication: a pasted bearer token (sessionStorage), or the server's own session
// (production behind an OIDC code flow: no token, the cookie authenticates).
function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

function authHeaders(extra = {}) {
  const tk = token();
  return tk ? { ...extra, Authorization: 'Bearer ' + tk } : extra;
}

class HttpError extends Error {
  constructor(status) { super('HTTP ' + status); this.status = status; }
}

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    credentials: 'same-origin',
    headers: authHeaders({ Accept: 'application/json', ...(options.headers || {}) }),
  });
  if (response.status === 401 || response.status === 403) {
    showLogin(response.status === 401 ? t('badToken') : t('notSupervisor'));
    throw new HttpError(response.status);
  }
  if (!response.ok && response.status !== 409) throw new HttpError(response.status);
  return response.status === 204 ? null : response.json();
}

function showLogin(message) {
  stopStream();
  $('login-error').textContent = message || '';
  if (!$('login').open) $('login').showModal();
}

async function login(event) {
  event.preventDefault();
  const value = $('token').value.trim().replace(/^Bearer\s+/i, '');
  if (!value) return;
  sessionStorage.setItem(TOKEN_KEY, value);
  $('login-error').textContent = '';
  try {
    await loadState();
    $('login').close();
    $('token').value = '';
    startStream();
  } catch (e) {
    if (!(e instanceof HttpError)) $('login-error').textContent = t('unreachable');
  }
}

function logout() {
  sessionStorage.removeItem(TOKEN_KEY);
  stopStream();
  showLogin('');
}

// ---- the state
async function loadState() {
  const state = await api('/api/v1/board');
  board.state = state;
  board.fetchedAt = Date.now();
  board.alerts = new Map(state.alerts.map((a) => [a.id, a]));
  render();
  return state;
}

let reloadTimer = null;
function reloadSoon() {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => loadState().catch(() => {}), 400);
}

// ---- the stream: fetch + a small text/event-stream parser
function stopStream() {
  if (board.stream) board.stream.abort();
  board.stream = null;
  setConnection('offline');
}

function setConnection(state) {
  const c = $('connection');
  c.dataset.state = state;
  c.textContent = t(state);
}

async function startStream() {
  if (board.stream) board.stream.abort();
  const controller = new AbortController();
  board.stream = controller;
  setConnection('connecting');
  try {
    const response = await fetch('/api/v1/board/stream', {
      credentials: 'same-origin',
      headers: authHeaders({ Accept: 'text/event-stream' }),
      signal: controller.signal,
      cache: 'no-store',
    });
    if (response.status === 401 || response.status === 403) {
      showLogin(response.status === 401 ? t('badToken') : t('notSupervisor'));
      return;
    }
    if (!response.ok || !response.body) throw new HttpError(response.status);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    board.lastByteAt = Date.now();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      board.lastByteAt = Date.now();
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  } catch (e) {
    if (controller.signal.aborted && board.stream !== controller) return; // replaced or stopped
  }
  if (board.stream !== controller) return;
  // Ended (service restart, network): try again, backing off up to 10 s.
  setConnection('offline');
  board.stream = null;
  const wait = board.retryMs;
  board.retryMs = Math.min(board.retryMs * 2, 10000);
  setTimeout(() => { if (!board.stream && token() !== '') startStream(); }, wait);
}

function dispatch(block) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  const payload = data.length ? JSON.parse(data.join('\n')) : {};
  switch (name) {
    case 'hello':
      // (Re)connected: whatever happened while we were away is in the state.
      board.retryMs = 1000;
      setConnection('live');
      loadState().catch(() => {});
      break;
    case 'alert':
      if (!payload.acknowledgedAt) {
        board.alerts.set(payload.id, payload);
        renderAlerts(payload.id);
      }
      break;
    case 'alert-acknowledged':
      board.alerts.delete(payload.id);
      renderAlerts();
      break;
    case 'changed':
      reloadSoon();
      break;
    default: // ping
  }
}

// A stream that went silent (a half-open connection) is replaced.
setInterval(() => {
  if (board.stream && Date.now() - board.lastByteAt > STALE_MS) startStream();
}, 5000);
setInterval(() => { if (board.state && board.stream) loadState().catch(() => {}); }, REFRESH_MS);

// ---- rendering
const ZONE = () => (board.state ? board.state.zone : 'Asia/Shanghai');
function time(value, withDate = false) {
  if (!value) return '';
  const options = { timeZone: ZONE(), hour: '2-digit', minute: '2-digit', hour12: false };
  if (withDate) Object.assign(options, { month: '2-digit', day: '2-digit' });
  return new Intl.DateTimeFormat(board.lang === 'zh' ? 'zh-CN' : 'en-GB', options).format(new Date(value));
}

function complaintLink(id, number) {
  const template = board.state ? board.state.complaintUrl : '';
  return el('a', { href: template.replace('{id}', encodeURIComponent(id)), target: '_blank',
    rel: 'noopener noreferrer', dataset: { complaint: id } }, number || String(id).slice(0, 8));
}

const RATES = ['responseInTimeRate', 'firstContactResolutionRate', 'csat', 'firstClassificationRight'];
function formatKpi(kpi, value) {
  if (value == null) return '—';
  if (RATES.includes(kpi)) return (value * 100).toFixed(1) + '%';
  if (kpi === 'nps') return value.toFixed(1);
  return String(value);
}

function renderKpis() {
  const { today, lastWeek } = board.state;
  for (const node of document.querySelectorAll('[data-kpi]')) {
    const source = node.dataset.period === 'lastWeek' ? lastWeek : today;
    const value = source[node.dataset.kpi];
    node.dataset.value = value == null ? '' : String(value);
    node.textContent = formatKpi(node.dataset.kpi, value);
  }
  for (const node of document.querySelectorAll('[data-delta]')) {
    const kpi = node.dataset.delta;
    const now = today[kpi];
    const before = lastWeek[kpi];
    if (now == null || before == null || now === before) {
      node.textContent = '';
      node.dataset.trend = 'flat';
      continue;
    }
    const diff = now - before;
    node.dataset.trend = kpi === 'volume' ? 'flat' : diff > 0 ? 'up' : 'down';
    const shown = RATES.includes(kpi) ? (Math.abs(diff) * 100).toFixed(1) + 'pt'
      : kpi === 'nps' ? Math.abs(diff).toFixed(1) : String(Math.abs(diff));
    node.textContent = (diff > 0 ? '▲ ' : '▼ ') + shown;
  }
  // A KPI with a target (today's KPIs carry it as KPI + "Target"): below it when the KPI API
  // lists it among today's threshold alerts (judged there on the exact share).
  for (const node of document.querySelectorAll('[data-target]')) {
    const kpi = node.dataset.target;
    const target = today[kpi + 'Target'];
    const below = (today.thresholdAlerts || []).some((a) => a.kpi === kpi);
    const card = node.closest('.kpi');
    card.dataset.belowTarget = String(below);
    node.dataset.value = target == null ? '' : String(target);
    node.textContent = target == null ? ''
      : `${t(below ? 'belowTarget' : 'target')} ${+(target * 100).toFixed(1)}%`;
  }
  document.querySelector('.kpis').dataset.from = today.from;
  document.querySelector('.kpis').dataset.to = today.to;
  document.querySelector('.kpis').dataset.lastWeekFrom = lastWeek.from;
  document.querySelector('.kpis').dataset.lastWeekTo = lastWeek.to;
}

function renderAlerts(freshId) {
  const list = $('alerts');
  const alerts = [...board.alerts.values()].sort((a, b) =>
    b.raisedAt.localeCompare(a.raisedAt) || a.id.localeCompare(b.id));
  list.replaceChildren(...alerts.map((a) => el('li', {
    class: 'alert' + (a.id === freshId ? ' fresh' : ''), dataset: { alert: a.id, kind: a.kind } },
  el('span', { class: 'kind' }, label('kind', a.kind) + (a.kind === 'escalated' ? ' ' + a.level : '')),
  el('span', {}, complaintLink(a.complaintId, a.number), ' · ', label('timer', a.timer), ' · ',
    label('priority', a.priority)),
  el('button', { type: 'button', class: 'ack', onclick: () => acknowledge(a.id) }, t('ack')),
  el('span', { class: 'meta' }, `${label('departments', a.department || 'unassigned')}`
    + (a.recipient && a.recipient !== a.department ? ' · ' + a.recipient : '') + ` · ${t('deadline')} ${time(a.deadlineAt, true)}`
    + ` · ${t('raised')} ${time(a.raisedAt, true)}`))));
  $('alerts-empty').hidden = alerts.length > 0;
  $('alert-count').textContent = String(alerts.length);
}

async function acknowledge(id) {
  try {
    await api(`/api/v1/alerts/${encodeURIComponent(id)}/acknowledge`, { method: 'POST' });
    board.alerts.delete(id); // 200, or 409: someone else acknowledged it first
    renderAlerts();
  } catch (e) {
    // 401/403 opened the login; anything else: the alert stays, the supervisor may try again
  }
}

function renderBacklog() {
  const body = document.querySelector('#backlog tbody');
  const byDept = new Map();
  for (const row of board.state.backlog) {
    if (!byDept.has(row.department)) byDept.set(row.department, []);
    byDept.get(row.department).push(row);
  }
  const max = Math.max(1, ...board.state.backlog.map((r) => r.open));
  const rows = [];
  let total = 0;
  for (const [dept, agents] of [...byDept.entries()].sort((a, b) =>
    b[1].reduce((s, r) => s + r.open, 0) - a[1].reduce((s, r) => s + r.open, 0))) {
    const open = agents.reduce((s, r) => s + r.open, 0);
    const overdue = agents.reduce((s, r) => s + r.overdue, 0);
    total += open;
    rows.push(el('tr', { class: 'dept', dataset: { department: dept, open } },
      el('td', { colspan: 2 }, label('departments', dept)),
      el('td', { class: 'num' }, open), el('td', { class: 'num' + (overdue ? ' overdue' : '') }, overdue)));
    for (const r of agents) {
      rows.push(el('tr', { class: 'agent', dataset: { department: dept, agent: r.agent || '', open: r.open } },
        el('td', {}, ''), el('td', {}, r.agent || t('queued')),
        el('td', { class: 'num' }, el('span', { class: 'bar-cell', style: `width:${(4 * r.open) / max}em` }), r.open),
        el('td', { class: 'num' + (r.overdue ? ' overdue' : '') }, r.overdue)));
    }
  }
  body.replaceChildren(...rows);
  $('backlog-total').textContent = String(total);
}

function renderIncidents() {
  const list = board.state.incidents;
  $('incidents').replaceChildren(...list.map((i) => el('article', { class: 'incident', dataset: { incident: i.id } },
    el('h3', {}, label('problemTypes', i.problemType) + t('surge'), ' ', el('span', { class: 'status' }, '· ' + label('status', i.status))),
    el('div', { class: 'meta' }, `${t('detected')} ${time(i.detectedAt, true)} · ${t('peak')} ${i.peakCount}`
      + ` · ${t('members')} ${i.memberCount}` + (i.subsidedAt ? ` · ${t('subsided')} ${time(i.subsidedAt)}` : '')),
    i.updates.length ? el('ul', {}, i.updates.slice(0, 3).map((u) => el('li', {},
      `${time(u.postedAt)} [${label('status', u.status)}] ${u.message}`))) : null,
    el('div', { class: 'members' }, i.complaints.slice(0, 12).map((c) => complaintLink(c.id, c.number))))));
  $('incidents-empty').hidden = list.length > 0;
}

function renderRisk() {
  const list = board.state.riskCases;
  $('risk').replaceChildren(...list.map((r) => el('li', { class: 'item', dataset: { risk: r.complaintId } },
    el('div', {}, complaintLink(r.complaintId, r.number), ' ',
      r.categories.map((c) => el('span', { class: 'tag ' + c }, label('category', c)))),
    el('div', { class: 'meta' }, `「${r.terms.join('、')}」 · ${label('departments', r.department || 'unassigned')}`
      + (r.alsoRoutedTo.length ? ` · ${t('alsoRoutedTo')} ${r.alsoRoutedTo.map((d) => label('departments', d)).join('、')}` : '')
      + ` · ${label('status', r.status)} · ${time(r.flaggedAt, true)}`))));
  $('risk-empty').hidden = list.length > 0;
}

function renderCallbacks() {
  const list = board.state.callbacks;
  $('callbacks').replaceChildren(...list.map((c) => el('li', { class: 'item', dataset: { callback: c.callbackId } },
    el('div', {}, complaintLink(c.complaintId, c.number), ' ',
      c.reasons.map((r) => el('span', { class: 'tag' }, label('reason', r))),
      c.overdue ? el('span', { class: 'overdue-flag' }, t('overdue')) : null),
    el('div', { class: 'meta' }, `${label('departments', c.department || 'unassigned')}`
      + (c.agent ? ' · ' + c.agent : '') + ` · ${t('due')} ${time(c.dueAt, true)}`))));
  $('callbacks-empty').hidden = list.length > 0;
}

// Channel connections intake cannot deliver to (failing, disabled) or with messages that died
// undelivered; healthy ones with nothing dead are not in the state.
function renderChannels() {
  const list = board.state.channelConnections || [];
  $('channels').replaceChildren(...list.map((c) => el('li', {
    class: 'item endpoint', dataset: { endpoint: c.endpointId, state: c.state } },
  el('div', {}, el('span', { class: 'name' }, c.name), ' ',
    el('span', { class: 'tag' }, label('channel', c.channel)), ' ',
    el('span', { class: 'state' }, label('connState', c.state))),
  el('div', { class: 'meta', title: c.lastError },
    el('span', { dataset: { pending: c.pendingDeliveries } }, `${t('pending')} ${c.pendingDeliveries}`),
    ' · ',
    el('span', { class: c.deadDeliveries > 0 ? 'dead' : null, dataset: { dead: c.deadDeliveries } },
      `${t('dead')} ${c.deadDeliveries}`),
    ` · ${t('since')} ${time(c.since, true)}`,
    c.lastError ? ` · ${c.lastError}` : null))));
  $('channels-empty').hidden = list.length > 0;
  document.querySelector('.panel.channels').dataset.attention = String(list.length > 0);
}

function renderThresholds() {
  $('thresholds').replaceChildren(...board.state.thresholds.map((th) => el('span', {
    class: 'threshold', dataset: { kpi: th.kpi, scope: th.scope } },
  `⚠ ${label('kpiName', th.kpi)} · ${label('departments', th.scope)}: `
    + (th.kpi === 'backlog' ? th.value : (th.value * 100).toFixed(1) + '%'))));
}

function renderCharts() {
  if (!window.echarts) return;
  // Chart text follows the page's font size (it grows with the viewport on a wall screen).
  const fontSize = Math.round(0.9 * parseFloat(getComputedStyle(document.documentElement).fontSize));
  const axis = { color: '#8da6c2', fontSize };
  const split = { lineStyle: { color: '#22405f' } };
  const hours = [...Array(24).keys()];
  const series = (kpis) => hours.map((h) => (kpis.volumeByHour[h] ?? 0));
  board.charts.hour ??= echarts.init($('hour-chart'), null, { renderer: 'canvas' });
  board.charts.hour.setOption({
    animation: false,
    grid: { left: 8, right: 8, top: 2 * fontSize, bottom: 4, containLabel: true },
    legend: { top: 0, textStyle: { color: '#e6eef8', fontSize } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: hours.map((h) => String(h)), axisLabel: axis },
    yAxis: { type: 'value', minInterval: 1, axisLabel: axis, splitLine: split },
    series: [
      { name: TEXT[board.lang].series.today, type: 'bar', data: series(board.state.today), itemStyle: { color: '#3fa7ff' } },
      { name: TEXT[board.lang].series.lastWeek, type: 'line', data: series(board.state.lastWeek),
        itemStyle: { color: '#ffb020' }, symbolSize: 4 },
    ],
  }, true);
  const types = Object.entries(board.state.today.volumeByProblemType).sort((a, b) => a[1] - b[1]);
  board.charts.type ??= echarts.init($('type-chart'), null, { renderer: 'canvas' });
  board.charts.type.setOption({
    animation: false,
    grid: { left: 8, right: 24, top: 4, bottom: 4, containLabel: true },
    tooltip: {},
    xAxis: { type: 'value', minInterval: 1, axisLabel: axis, splitLine: split },
    yAxis: { type: 'category', data: types.map(([k]) => label('problemTypes', k)), axisLabel: axis },
    series: [{ type: 'bar', data: types.map(([, v]) => v), itemStyle: { color: '#34c38f' },
      label: { show: true, position: 'right', color: '#e6eef8', fontSize } }],
  }, true);
}

function renderTexts() {
  document.documentElement.lang = board.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  $('lang').textContent = t('lang');
  setConnection($('connection').dataset.state);
}

function render() {
  renderTexts();
  if (!board.state) return;
  renderKpis();
  renderAlerts();
  renderBacklog();
  renderIncidents();
  renderRisk();
  renderCallbacks();
  renderChannels();
  renderThresholds();
  renderCharts();
}

function tick() {
  if (!board.state) return;
  const now = new Date(Date.parse(board.state.now) + (Date.now() - board.fetchedAt));
  $('clock').textContent = new Intl.DateTimeFormat(board.lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: ZONE(), year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
    minute: '2-digit', second: '2-digit', hour12: false }).format(now);
}
setInterval(tick, 1000);

window.addEventListener('resize', () => Object.values(board.charts).forEach((c) => c.resize()));

document.addEventListener('DOMContentLoaded', async () => {
  $('lang').addEventListener('click', () => {
    board.lang = board.lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem(LANG_KEY, board.lang);
    render();
  });
  $('logout').addEventListener('click', logout);
  $('login-form').addEventListener('submit', login);
  $('login').addEventListener('cancel', (e) => e.preventDefault());
  takeTokenFromFragment();
  renderTexts();
  init();
});

// A wall screen (kiosk) is started with /board/#token=...: no one is there to paste it. The
// fragment never reaches the server; it is taken off the address bar at once.
function takeTokenFromFragment() {
  const match = /^#token=(.+)$/.exec(location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
}

// With a stored token, or the server's own session in production; an unreachable service is
// tried again (the board may be opened on a wall screen before the service is up).
async function init() {
  try {
    await loadState();
    startStream();
  } catch (e) {
    if (!(e instanceof HttpError)) setTimeout(init, 5000);
  }
}
