package io.complaintsuite.e2e;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * What happens on the simulated day, decided before it starts from a fixed seed: who complains,
 * when, through which channel, in which words, with or without an urgency hint, and what the agent,
 * the customer and the supervisor will do with the complaint. Written by hand for the journey; the
 * texts use the words customers use (../shared/seeds), each kind in a few variants.
 */
final class DayPlan {
  /** Wednesday 30 Sep 2026, the last working day before 国庆: deadlines cross 1–7 Oct and 10 Oct. */
  static final LocalDate DAY = LocalDate.of(2026, 9, 30);

  /** Complaints per hour from 09:00 to 20:00: a morning peak at 10, an evening one at 19–20. */
  static final int[] PER_HOUR = {60, 75, 55, 35, 40, 45, 40, 35, 45, 60, 70, 40};

  static final List<String> CHANNELS =
      List.of("phone", "web-chat", "email", "social-media", "app", "counter", "letter");

  /** A kind of complaint: the words, whether a seeded rule makes it urgent, the grade it hints. */
  record Kind(String name, String hintedGrade, boolean urgentByRule, List<String> texts) {}

  static final List<Kind> KINDS =
      List.of(
          new Kind(
              "account-stolen",
              "urgent",
              true,
              List.of(
                  "我的账号被盗了，余额被转走了两千块",
                  "收到短信说我的帐号在异地登录，接着余额就少了八百元，请马上冻结",
                  "账号被盗，绑定的手机号被人改了，现在登录不上，里面还有余额")),
          new Kind(
              "money-lost",
              "urgent",
              true,
              List.of(
                  "昨天充值的300元话费到现在还没到账，钱已经扣了", "提现500元显示成功但银行卡一直没到账", "退款说已经退回了，但是钱一直没到账，问了三次了")),
          new Kind(
              "safety-hazard",
              "urgent",
              true,
              List.of(
                  "买的充电宝充电的时候冒烟了，差点出事，太吓人了",
                  "电热水壶用的时候外壳漏电，手被电了一下，家里还有小孩",
                  "取暖器开了半小时就冒烟，还有焦味，要求退货并说明原因")),
          new Kind(
              "technical-fault",
              "general",
              false,
              List.of(
                  "升级到最新版本后App一登录就闪退，重装了两次还是不行",
                  "App里的订单页面一直加载不出来，一直转圈，换了网络也一样",
                  "网页上点提交订单没反应，试了好几次都提交不了")),
          new Kind(
              "billing-dispute",
              "general",
              false,
              List.of(
                  "这个月账单多收了一项我没开通过的增值业务费，请核实",
                  "套餐明明是59元的，这个月账单却扣了79元，请解释一下",
                  "账单上有一笔国际漫游费，我这个月根本没出国")),
          new Kind(
              "refund",
              "general",
              false,
              List.of(
                  "退货申请提交一周了，商品也寄回去了，退款一直没处理", "七天无理由退货被拒绝了，商品没拆封，要求退款", "申请退款后客服说三天到，现在十天了还没退")),
          new Kind(
              "product-quality",
              "general",
              false,
              List.of("收到的空气净化器用了三天就有异响，滤网也有破损", "新买的鞋子穿了两次就开胶了，质量太差", "买的电饭煲内胆涂层掉了，用了还不到一个月")),
          new Kind(
              "delivery",
              "general",
              false,
              List.of(
                  "快递显示已签收，但我根本没收到包裹，联系物流也没人管", "说好的次日达，已经五天了物流信息一直没更新", "包裹送到了但是外箱破了，里面东西少了一件")),
          new Kind(
              "service-attitude",
              "general",
              false,
              List.of("营业厅的工作人员态度非常差，不耐烦地打断我说话", "打客服电话被挂断两次，客服说话很冲，态度恶劣", "上门的师傅态度很差，嫌我问题多，还骂人")),
          new Kind(
              "product-suggestion",
              "general",
              false,
              List.of("建议App增加夜间模式，晚上用太刺眼了", "建议订单页面可以按时间筛选，现在找历史订单太麻烦", "希望会员积分可以用来抵扣运费")),
          new Kind(
              "consultation",
              "low",
              false,
              List.of(
                  "请问现在的套餐可以中途换成流量更多的吗？换了之后当月怎么计费？", "想咨询一下发票怎么开，电子发票在哪里下载", "请问会员到期以后自动续费怎么取消")));

  /**
   * The outbreak: broadband down in one district, many customers within minutes (service-outage).
   */
  static final List<String> OUTAGE_TEXTS =
      List.of(
          "家里宽带断网了，从下午一点多到现在一直上不了网",
          "宽带突然断网，路由器重启了也没用，整个小区都这样",
          "我们这栋楼宽带全部断网了，孩子上网课上不了",
          "宽带断网两个小时了，打客服一直占线");

  /** Kinds picked for ordinary complaints, with weights (no outage: those come with the spike). */
  private static final int[] KIND_WEIGHTS = {6, 5, 3, 9, 7, 8, 7, 11, 9, 5, 14};

  /** One complaint and everything the journey will do to it. */
  static final class Planned {
    int index;
    Instant at;
    String channel;
    String customerId;
    String customerName;
    String phone;
    Kind kind;
    String text;
    boolean outage;
    String hint; // null: the channel sends no urgency
    int respondAfterSteps; // steps after the assignment
    boolean askInfo;
    int customerAnswersAfterSteps;
    int resolveAfterSteps;
    boolean reopen;
    boolean transfer;
    String raiseTo; // an agent raises the grade after responding (null: no)
    boolean supervisorLowers; // a supervisor lowers urgent to general
    boolean answersSurvey;
    boolean poorSurvey;
  }

  private DayPlan() {}

  static Instant at(LocalDate day, int hour, int minute) {
    return ZonedDateTime.of(day, LocalTime.of(hour, minute), CentreCalendar.SHANGHAI).toInstant();
  }

  /** 600 complaints from 09:00 to 21:00 plus the ten of the outbreak at 14:00. */
  static List<Planned> complaints() {
    Random random = new Random(20260930);
    List<Planned> out = new ArrayList<>();
    int totalWeight = 0;
    for (int w : KIND_WEIGHTS) {
      totalWeight += w;
    }
    List<String> repeatCustomers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      repeatCustomers.add(String.format("C-R%03d", i));
    }
    int n = 0;
    for (int h = 0; h < PER_HOUR.length; h++) {
      for (int k = 0; k < PER_HOUR[h]; k++) {
        Planned p = new Planned();
        p.index = n++;
        int second = random.nextInt(3600);
        p.at = at(DAY, 9 + h, 0).plusSeconds(second);
        int pick = random.nextInt(totalWeight);
        int kind = 0;
        while (pick >= KIND_WEIGHTS[kind]) {
          pick -= KIND_WEIGHTS[kind];
          kind++;
        }
        p.kind = KINDS.get(kind);
        p.text = p.kind.texts().get(random.nextInt(p.kind.texts().size()));
        fill(p, random, repeatCustomers);
        out.add(p);
      }
    }
    for (int k = 0; k < 10; k++) {
      Planned p = new Planned();
      p.index = n++;
      p.at = at(DAY, 14, 0).plusSeconds(20L * k);
      p.outage = true;
      p.kind = new Kind("service-outage", "urgent", true, OUTAGE_TEXTS);
      p.text = OUTAGE_TEXTS.get(k % OUTAGE_TEXTS.size());
      fill(p, random, List.of());
      p.hint = null; // the outbreak arrives by phone, ungraded
      p.channel = "phone";
      out.add(p);
    }
    out.sort(Comparator.comparing((Planned p) -> p.at));
    return out;
  }

  private static void fill(Planned p, Random random, List<String> repeatCustomers) {
    p.channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
    if (!repeatCustomers.isEmpty() && random.nextInt(10) == 0) {
      p.customerId = repeatCustomers.get(random.nextInt(repeatCustomers.size()));
    } else {
      p.customerId = String.format("C-D%04d", p.index);
    }
    p.customerName = "客户" + p.customerId.substring(2);
    p.phone = String.format("139%08d", Math.floorMod(p.customerId.hashCode(), 100_000_000));
    // About 45 % arrive without a grade: routing gives them theirs.
    p.hint = random.nextInt(100) < 45 ? null : p.kind.hintedGrade();
    p.respondAfterSteps = random.nextInt(100) < 8 ? 2 : 1;
    p.askInfo = random.nextInt(100) < 15;
    p.customerAnswersAfterSteps = 1 + random.nextInt(3);
    p.resolveAfterSteps = 1 + random.nextInt(4);
    p.reopen = random.nextInt(100) < 5;
    p.transfer = !p.askInfo && random.nextInt(100) < 3;
    // Grade changes only on complaints that never wait for the customer (no pause to reason about).
    p.raiseTo =
        !p.askInfo && "general".equals(p.kind.hintedGrade()) && random.nextInt(100) < 3
            ? "urgent"
            : null;
    p.supervisorLowers = !p.askInfo && p.kind.urgentByRule() && random.nextInt(100) < 6;
    p.answersSurvey = random.nextInt(100) < 70;
    p.poorSurvey = random.nextInt(100) < 25;
  }

  /** One step of the simulated clock. */
  static Duration stepOf(Instant now) {
    return Duration.ofMinutes(10);
  }
}
