package io.complaintsuite.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The complaints {@link DemoDay} sends: a morning's mix from every channel (Chinese text), with a
 * stolen account, a public-opinion (舆情) case and a broadband outage spike.
 */
final class DemoMorning {
  record Case(
      String channel,
      String customerId,
      String name,
      String phone,
      String subject,
      String description) {}

  private DemoMorning() {}

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(
        new Case(
            "phone",
            "C-200101",
            "张先生",
            "13800138001",
            "账户被盗，余额被转走",
            "今天早上收到短信说我的帐户在异地登录，随后余额被转走了2000元！请马上冻结账户并追回损失。"));
    cases.add(
        new Case(
            "social-media",
            "C-200102",
            "李女士",
            "13900139002",
            "再不处理就找媒体曝光",
            "退款申请提交半个月了一直没人处理，客服电话打不通，我已经向12315投诉了，再不解决我就找媒体曝光！"));
    cases.add(
        new Case(
            "web-chat",
            "C-200103",
            "王丽",
            "13700137003",
            "快递显示已签收但没收到",
            "快递显示昨天已签收，但我根本没收到包裹，联系物流也没人管，运单号YT88231，要求尽快处理。"));
    cases.add(
        new Case(
            "email",
            "C-200104",
            "赵强",
            "13600136004",
            "账单重复扣费",
            "这个月的账单扣了双倍的月费，一共多扣了199元，请核实并退回多扣的费用。"));
    cases.add(
        new Case(
            "app",
            "C-200105",
            "陈静",
            "13500135005",
            "App登录后闪退",
            "升级到最新版本后，App一登录就闪退，已经重装过两次还是不行，手机型号是华为Mate60。"));
    cases.add(
        new Case(
            "counter",
            "C-200106",
            "刘洋",
            "13400134006",
            "客服态度恶劣",
            "昨天到营业厅办理业务，工作人员态度非常差，不耐烦地打断我说话，还让我自己去网上查。"));
    cases.add(
        new Case(
            "phone",
            "C-200107",
            "孙丽",
            "13300133007",
            "电热水壶漏电",
            "买的电热水壶使用时手碰到外壳有被电的感觉，差点出事，家里有小孩，太危险了，要求退货并说明原因。"));
    cases.add(
        new Case(
            "web-chat",
            "C-200108",
            "周婷",
            "13200132008",
            "想咨询套餐变更",
            "请问现在的套餐可以中途换成流量更多的吗？换了之后当月怎么计费？"));
    cases.add(
        new Case(
            "email",
            "C-200109",
            "吴昊",
            "13100131009",
            "产品质量问题要求退款",
            "收到的空气净化器用了三天就有异响，滤网也有破损，要求退货退款。"));
    cases.add(
        new Case(
            "app",
            "C-200110",
            "郑爽",
            "13000130010",
            "建议增加夜间模式",
            "希望App能增加夜间模式，晚上看屏幕太刺眼了，另外字体能不能调大一点。"));
    // A broadband outage: a surge of the same problem within minutes (a mass incident), by phone,
    // app and web chat (half of it: the demo's web chat shows what those customers are told).
    String[] districts = {"浦东新区", "徐汇区", "静安区", "浦东新区", "长宁区", "浦东新区", "杨浦区", "浦东新区"};
    String[] channels = {"phone", "app", "web-chat", "web-chat"};
    for (int i = 0; i < districts.length; i++) {
      cases.add(
          new Case(
              channels[i % channels.length],
              "C-2002" + String.format("%02d", i),
              "用户" + (i + 1),
              "1381234" + String.format("%04d", i),
              "宽带断网",
              "我家在" + districts[i] + "，从早上九点开始宽带突然断网了，路由器重启了也没用，全家都无法上网，什么时候能恢复？"));
    }
    return cases;
  }
}
