#!/usr/bin/env python3
"""Writes the labelled complaint set the classifier is trained and measured on.

Each complaint is assembled from hand-written fragments in customers' own words (vocabulary from
shared/seeds: 账户被盗, 服务中断, 退款, 物流, 话术, 12315, 消协 ...): an opener, one or two
problem statements of its type, details with numbers/English, a demand, sometimes an emotional
closer, a public-opinion threat, typos (帐户, 以经, 在/再) and fragments shared by every type
(so the classifier cannot lean on the filler). Deterministic (seeded); the split is stratified:
every 4th complaint of a type goes to the held-out test part.

Run from the repository root:  python3 routing-service/data/generate_complaints.py
"""
import random

OUT = "routing-service/src/main/resources/classifier/labelled-complaints.tsv"
PER_TYPE = 42

OPENERS = ["", "", "你好，", "您好，", "客服你好，", "喂，", "我要投诉！", "麻烦看一下，", "我是你们的老用户了，",
           "第二次反映了，", "Hi，", "紧急！", "请问，", "我想反映一个问题：", "说实话很失望，"]
SHARED = ["客服电话打了三次都没人接", "在线客服一直是机器人回复", "等了半个小时也没人理", "你们的服务真的太差了",
          "已经等了好几天", "希望尽快给个说法", "麻烦尽快回复我", "我的手机号是138****2231", "之前反映过一次没下文",
          "工单号TS20261101-000231", "这个问题影响很大", "周末也没人处理", "", "", "", ""]
CLOSERS = ["", "", "", "谢谢。", "请尽快处理!!", "太让人失望了😡", "等你们回复。", "急急急", "否则我就不用你们的产品了",
           "希望给个合理的解释", "thx", "请给我回电话"]
RISK = ["再不处理我就打12315投诉", "我已经向消协反映了", "我要找媒体曝光你们", "我已经发微博了，很多人转发",
        "我会请律师起诉你们", "准备向市场监管局举报", "已经在抖音发视频曝光了", "记者已经联系我了", "我要去法院告你们"]
TYPOS = [("账户", "帐户"), ("已经", "以经"), ("再", "在"), ("登录", "登陆"), ("怎么", "怎麽"), ("退款", "退欵"),
         ("快递", "快第"), ("质量", "质亮"), ("没有", "没用")]

T = {
    "account-stolen": dict(urgent=True, core=[
        "我的账户被盗了", "账号被人盗了，密码被改了", "收到异地登录提醒，不是我本人操作", "有人登录了我的账户还改了绑定手机",
        "账户被盗刷了{m}元", "微信收到验证码但我没申请过，然后账号就登不上了", "我的账号在{city}登录，我人在北京",
        "account被hack了，邮箱也被改了", "有人冒用我的身份登录了APP", "账号被盗后余额被转走了", "密码被人改了，账户被锁",
        "陌生设备登录了我的账号", "我的会员账号被别人用了还下了订单"],
        detail=["请马上冻结账户", "要求追回损失", "我怀疑信息泄露了", "登录记录里有个陌生IP 103.21.8.{n}",
                "绑定的银行卡也有风险", "请帮我找回账号", "已经改了密码还是不行"]),
    "service-outage": dict(urgent=True, core=[
        "整个APP都打不开了", "服务中断了一上午", "网站502一直进不去", "宽带从昨晚开始断网到现在", "全小区都没有信号",
        "系统崩溃了什么都用不了", "支付系统挂了，所有人都付不了款", "手机一直无服务，打不了电话", "服务器是不是宕机了，全部功能无法使用",
        "5G网络断了{h}个小时", "视频会员服务完全不能播放，全国都这样吗", "云服务down了，我们公司业务全停了", "停电式的断网，业务受影响"],
        detail=["我们店靠这个做生意，损失很大", "群里好多人都一样", "什么时候能恢复", "官网也没有任何公告",
                "error code 503", "重启路由器也没用", "影响了{n}个员工上班"]),
    "safety-hazard": dict(urgent=True, core=[
        "充电的时候充电宝冒烟了", "热水器漏电，我被电了一下", "买的电动车电池起火了", "食品里吃出了异物，孩子吃了拉肚子",
        "燃气灶漏气，闻到很大的味道", "手机充电时电池鼓包发烫差点爆炸", "儿童玩具的零件掉了孩子差点吞下去", "电暖器烧焦了插座",
        "吃了你们的外卖食物中毒住院了", "婴儿车刹车失灵差点出事", "插线板冒火花", "空调外机松动随时会掉下来砸到人"],
        detail=["太危险了，幸好人没事", "有安全隐患必须召回", "已经拍照留证", "医院的诊断证明我有", "型号{model}",
                "家里有老人小孩很害怕", "这是人身安全问题"]),
    "money-lost": dict(urgent=True, core=[
        "付了{m}元钱订单却没有生成", "转账显示成功但对方没收到，钱也没退回", "充值{m}元没到账", "钱被扣了但是交易失败了",
        "提现{m}元一直没到银行卡，钱不见了", "余额莫名其妙少了{m}元", "支付了两次被扣了双倍的钱，订单只有一个",
        "红包里的钱突然没了", "扣款成功但显示未支付", "我的{m}块钱凭空消失了", "理财产品里的钱取不出来也查不到了"],
        detail=["银行说钱已经划走了", "有扣款短信为证", "流水号2026{n}8812", "这是我的生活费", "要求全额退回",
                "查询了好几次都说处理中", "payment id PAY-{n}"]),
    "billing-dispute": dict(urgent=False, core=[
        "这个月的账单比平时多了{m}元", "套餐费用和宣传的不一样", "被收了我没开通的增值业务费", "账单里有一项不明扣费",
        "自动续费没有提前通知我", "月租怎么涨价了也没告知", "发票金额开错了", "流量超出的费用算得不对", "优惠券没有抵扣成功多付了钱",
        "会员到期后又被续费了{m}元", "话费清单看不懂，收费有问题", "说好的折扣没有给我"],
        detail=["请给我一份详细的费用清单", "要求退还多收的费用", "我从来没订过这个服务", "合同上写的是{m}元一个月",
                "请取消自动续费", "账单号BILL-{n}", "请核实一下计费"]),
    "refund": dict(urgent=False, core=[
        "申请退货退款{d}天了还没处理", "退款一直显示审核中", "说好七天无理由退货，现在不给退", "取消订单后退款迟迟不到",
        "商家同意退款了但钱没退", "退货已经寄回去了还不给退款", "要求退款被客服拒绝了", "课程没上就要求退费，你们一直拖",
        "机票退票的钱还没退回来", "预售订单取消了，定金不退", "refund申请被驳回了没有理由"],
        detail=["退货单号SF{n}", "已经超过承诺的3个工作日", "请尽快把钱退到原支付账户", "客服说会加急处理但没有下文",
                "订单号{order}", "退款金额{m}元", "商品完好未拆封"]),
    "delivery": dict(urgent=False, core=[
        "快递显示已签收但我根本没收到", "物流信息{d}天没更新了", "包裹被快递员放在门口丢了", "配送太慢了说好次日达",
        "快递员态度恶劣还不送上楼", "收到的包裹外箱破损里面东西摔坏了", "物流一直显示在途中", "发错地址送到别的城市去了",
        "快递被别人冒领了", "说好的送货上门结果让我自己去驿站拿", "tracking number查不到任何信息", "催了几次发货还是没发"],
        detail=["运单号YT{n}", "联系快递公司也没人管", "这是给老人买的急用药", "订单号{order}", "要求重新发货",
                "驿站说没有这个件", "我一直在家根本没人敲门"]),
    "product-quality": dict(urgent=False, core=[
        "刚买的手机用了{d}天就黑屏了", "衣服洗了一次就掉色", "耳机一边没有声音", "收到的商品是二手的有划痕", "质量太差了用两次就坏了",
        "洗衣机运转时噪音特别大", "鞋子穿了一周就开胶", "电视屏幕出现一条竖线", "买的东西和描述不符，材质很差",
        "冰箱不制冷了还在保修期内", "笔记本电脑键盘失灵", "产品有明显的质量问题，要求维修或更换"],
        detail=["要求换货或者维修", "还在保修期内", "型号{model}", "买了才{d}天", "照片已经上传了",
                "售后点说要等两周", "这是正品吗"]),
    "technical-fault": dict(urgent=False, core=[
        "APP一打开就闪退", "登录的时候一直提示验证码错误", "更新到新版本后无法上传图片", "页面一直转圈加载不出来",
        "绑定银行卡时报错 error 1024", "我这边登录不了，提示网络异常，别人可以正常用", "小程序里的按钮点了没反应", "收不到短信验证码",
        "蓝牙连接不上设备", "设置里的消息通知不起作用", "iOS 17上面APP显示乱码", "软件自动退出，聊天记录也丢了"],
        detail=["手机型号{model}", "已经卸载重装了还是一样", "版本号v{v}", "截图发给你们了", "清了缓存也没用",
                "换了WiFi也不行", "只有我的账号有这个问题"]),
    "service-attitude": dict(urgent=False, core=[
        "客服态度非常差，说话很不耐烦", "工作人员直接挂我电话", "门店店员对我翻白眼", "客服一直推卸责任踢皮球",
        "打电话被转接了五次都没人解决", "营业厅的工作人员态度恶劣", "客服答应回电结果一直没打过来", "服务人员说话带脏字",
        "投诉了一周没人跟进", "客服只会用标准话术敷衍", "上门的师傅迟到两个小时还不道歉"],
        detail=["工号{n}", "我要求这个员工道歉", "希望你们加强培训", "录音我都保存了", "这是什么服务体验",
                "当时是下午3点左右", "请主管给我回电"]),
    "product-suggestion": dict(urgent=False, core=[
        "建议增加夜间模式", "希望APP能支持批量导出订单", "能不能增加一个英文界面", "建议会员积分可以抵扣运费",
        "界面设计太复杂，老年人不会用，建议简化", "希望增加按价格排序的功能", "建议在套餐里加入家庭共享", "希望能支持Apple Pay",
        "字体太小了建议可以调大", "建议增加人工客服的入口", "希望出一个新品预约提醒功能"],
        detail=["这样用户体验会更好", "其他平台都有这个功能", "只是一个小建议", "希望下个版本能考虑",
                "我身边很多朋友也这么想", "谢谢你们的努力", "期待改进"]),
    "consultation": dict(urgent=False, core=[
        "请问怎么修改绑定的手机号", "想咨询一下会员有哪些权益", "请问发票怎么开", "想问一下营业时间",
        "请问积分什么时候过期", "活动规则看不懂，想咨询一下怎么参加", "请问这个套餐能不能办理携号转网", "想了解一下保修政策",
        "请问在哪里可以查到我的订单", "怎么注销账号", "请问国外能用吗"],
        detail=["谢谢解答", "网上没找到说明", "方便的话发个链接", "我是新用户", "不着急，有空回复就行",
                "活动是双11那个", "想确认一下"]),
}


def fill(rng, text):
    return (text.replace("{m}", str(rng.choice([39, 99, 168, 200, 500, 1288, 2000, 3650, 12000])))
            .replace("{d}", str(rng.randint(2, 20)))
            .replace("{h}", str(rng.randint(2, 30)))
            .replace("{n}", str(rng.randint(100, 99999)))
            .replace("{city}", rng.choice(["深圳", "广州", "成都", "海外", "杭州"]))
            .replace("{model}", rng.choice(["X200", "iPhone 14", "Mate60", "KX-9", "HW-5500"]))
            .replace("{v}", rng.choice(["3.2.1", "5.0", "10.4.2"]))
            .replace("{order}", "JD" + str(rng.randint(10 ** 9, 10 ** 10))))


def complaint(rng, spec):
    parts = [rng.choice(OPENERS)]
    cores = rng.sample(spec["core"], rng.choice([1, 1, 1, 2]))
    parts += [fill(rng, c) for c in cores]
    for _ in range(rng.choice([0, 1, 1, 2])):
        parts.append(fill(rng, rng.choice(spec["detail"])))
    for _ in range(rng.choice([0, 0, 1, 2])):
        parts.append(fill(rng, rng.choice(SHARED)))
    risk = rng.random() < 0.12
    if risk:
        parts.append(rng.choice(RISK))
    parts.append(rng.choice(CLOSERS))
    sep = rng.choice(["，", "，", "。", " ", "！", ","])
    text = sep.join(p.rstrip("，：, ") for p in parts if p).strip("，, ")
    if rng.random() < 0.3:
        a, b = rng.choice(TYPOS)
        text = text.replace(a, b, 1)
    return text, risk


def main():
    rng = random.Random(20261123)
    rows, seen = [], set()
    for ptype, spec in T.items():
        made = 0
        while made < PER_TYPE:
            text, risk = complaint(rng, spec)
            if text in seen:
                continue
            seen.add(text)
            split = "test" if made % 4 == 3 else "train"
            priority = "urgent" if spec["urgent"] or risk else ("low" if ptype == "consultation" else "general")
            rows.append((split, ptype, priority, "risk" if risk else "-", text))
            made += 1
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# split\tproblemType\tpriority\trisk\ttext  (generated by routing-service/data/generate_complaints.py)\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{len(rows)} complaints over {len(T)} types -> {OUT}")


if __name__ == "__main__":
    main()
