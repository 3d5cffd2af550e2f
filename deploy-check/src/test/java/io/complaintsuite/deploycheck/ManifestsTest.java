package io.complaintsuite.deploycheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders each overlay and checks it offline: every document against its schema, then the
 * references between the documents and to the services' own configuration.
 */
class ManifestsTest {
  private static final Map<String, List<JsonNode>> RENDERED = new HashMap<>();
  private static Schemas schemas;

  @BeforeAll
  static void render() {
    schemas = new Schemas();
    for (String overlay : Repo.OVERLAYS) {
      RENDERED.put(overlay, Repo.render(overlay));
    }
  }

  private static List<JsonNode> docs(String overlay) {
    return RENDERED.get(overlay);
  }

  private static List<JsonNode> ofKind(String overlay, String kind) {
    return docs(overlay).stream().filter(d -> kind.equals(Repo.kind(d))).toList();
  }

  private static void assertNoErrors(String what, List<String> errors) {
    assertTrue(errors.isEmpty(), what + ":\n  " + String.join("\n  ", errors));
  }

  // --- schemas

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyDocumentIsValidAgainstItsSchema(String overlay) {
    List<String> errors = new ArrayList<>();
    Map<String, Integer> kinds = new TreeMap<>();
    for (JsonNode doc : docs(overlay)) {
      errors.addAll(schemas.validate(doc));
      kinds.merge(doc.path("apiVersion").asText() + " " + Repo.kind(doc), 1, Integer::sum);
    }
    System.out.printf(
        "deploy-check: overlay %s renders %d documents, validated against their schemas: %s%n",
        overlay, docs(overlay).size(), kinds);
    assertNoErrors(overlay + ": schema violations", errors);
  }

  @Test
  void theSchemasAreStrict() {
    JsonNode deployment = ofKind("prod", "Deployment").get(0).deepCopy();
    ObjectNode container =
        (ObjectNode)
            deployment.path("spec").path("template").path("spec").path("containers").get(0);
    container.put("imagePulPolicy", "Always");
    assertFalse(schemas.validate(deployment).isEmpty(), "a misspelt field must fail");

    JsonNode topic = ofKind("prod", "KafkaTopic").get(0).deepCopy();
    ((ObjectNode) topic.path("spec")).put("partitons", 3);
    assertFalse(schemas.validate(topic).isEmpty(), "a misspelt CRD field must fail");

    JsonNode hpa = ofKind("prod", "HorizontalPodAutoscaler").get(0).deepCopy();
    ((ObjectNode) hpa.path("spec")).put("maxReplicas", "many");
    assertFalse(schemas.validate(hpa).isEmpty(), "a wrong type must fail");

    JsonNode cluster = ofKind("prod", "Cluster").get(0).deepCopy();
    ((ObjectNode) cluster.path("spec")).remove("instances");
    assertFalse(schemas.validate(cluster).isEmpty(), "a missing required field must fail");
  }

  // --- references between the documents

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void servicesSelectDeploymentPodsAndTheirPorts(String overlay) {
    List<String> errors = new ArrayList<>();
    for (JsonNode svc : ofKind(overlay, "Service")) {
      JsonNode selector = svc.path("spec").path("selector");
      List<JsonNode> targets =
          ofKind(overlay, "Deployment").stream()
              .filter(d -> matches(selector, podLabels(d)))
              .toList();
      if (selector.isEmpty() || targets.isEmpty()) {
        errors.add(Repo.id(svc) + " selects no Deployment's pods");
        continue;
      }
      for (JsonNode port : svc.path("spec").path("ports")) {
        String target = port.path("targetPort").asText();
        for (JsonNode d : targets) {
          if (!containerPorts(d).contains(target)) {
            errors.add(Repo.id(svc) + ": targetPort " + target + " is no port of " + Repo.id(d));
          }
        }
      }
    }
    for (JsonNode d : ofKind(overlay, "Deployment")) {
      if (!matches(d.path("spec").path("selector").path("matchLabels"), podLabels(d))) {
        errors.add(Repo.id(d) + ": selector does not match its own pod template");
      }
      boolean exposed =
          ofKind(overlay, "Service").stream()
              .anyMatch(s -> matches(s.path("spec").path("selector"), podLabels(d)));
      if (!exposed) {
        errors.add(Repo.id(d) + " has no Service");
      }
    }
    assertNoErrors(overlay, errors);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void serviceMonitorsMatchServicesAndScrapeQuarkusMetrics(String overlay) {
    List<String> errors = new ArrayList<>();
    Set<String> monitored = new HashSet<>();
    for (JsonNode sm : ofKind(overlay, "ServiceMonitor")) {
      JsonNode selector = sm.path("spec").path("selector").path("matchLabels");
      List<JsonNode> services =
          ofKind(overlay, "Service").stream()
              .filter(s -> matches(selector, s.path("metadata").path("labels")))
              .toList();
      if (selector.isEmpty() || services.isEmpty()) {
        errors.add(Repo.id(sm) + " matches no Service");
      }
      for (JsonNode endpoint : sm.path("spec").path("endpoints")) {
        if (!"/q/metrics".equals(endpoint.path("path").asText())) {
          errors.add(Repo.id(sm) + ": path must be /q/metrics");
        }
        for (JsonNode s : services) {
          monitored.add(Repo.name(s));
          boolean hasPort = false;
          for (JsonNode p : s.path("spec").path("ports")) {
            hasPort |= p.path("name").asText().equals(endpoint.path("port").asText());
          }
          if (!hasPort) {
            errors.add(Repo.id(sm) + ": " + Repo.id(s) + " has no port " + endpoint.path("port"));
          }
        }
      }
    }
    for (JsonNode s : ofKind(overlay, "Service")) {
      if (!monitored.contains(Repo.name(s))) {
        errors.add(Repo.id(s) + " is not scraped by any ServiceMonitor");
      }
    }
    assertNoErrors(overlay, errors);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyDeploymentHasAutoscalerDisruptionBudgetAndHardening(String overlay) {
    List<String> errors = new ArrayList<>();
    for (JsonNode d : ofKind(overlay, "Deployment")) {
      String name = Repo.name(d);
      boolean hpa =
          ofKind(overlay, "HorizontalPodAutoscaler").stream()
              .anyMatch(
                  h ->
                      "Deployment"
                              .equals(h.path("spec").path("scaleTargetRef").path("kind").asText())
                          && name.equals(
                              h.path("spec").path("scaleTargetRef").path("name").asText()));
      if (!hpa) {
        errors.add(Repo.id(d) + " has no HorizontalPodAutoscaler");
      }
      boolean pdb =
          ofKind(overlay, "PodDisruptionBudget").stream()
              .anyMatch(
                  p -> matches(p.path("spec").path("selector").path("matchLabels"), podLabels(d)));
      if (!pdb) {
        errors.add(Repo.id(d) + " has no PodDisruptionBudget");
      }
      JsonNode pod = d.path("spec").path("template").path("spec");
      if (!pod.path("securityContext").path("runAsNonRoot").asBoolean()) {
        errors.add(Repo.id(d) + ": pod must run as non-root");
      }
      Set<String> emptyDirs = new HashSet<>();
      for (JsonNode v : pod.path("volumes")) {
        if (v.has("emptyDir")) {
          emptyDirs.add(v.path("name").asText());
        }
      }
      for (JsonNode c : pod.path("containers")) {
        JsonNode sc = c.path("securityContext");
        if (!sc.path("readOnlyRootFilesystem").asBoolean()
            || sc.path("allowPrivilegeEscalation").asBoolean(true)) {
          errors.add(
              Repo.id(d) + ": container must have a read-only root fs, no privilege escalation");
        }
        boolean tmp = false;
        for (JsonNode m : c.path("volumeMounts")) {
          tmp |=
              "/tmp".equals(m.path("mountPath").asText())
                  && emptyDirs.contains(m.path("name").asText());
        }
        if (!tmp) {
          errors.add(Repo.id(d) + ": /tmp must be an emptyDir");
        }
        if (!c.path("resources").path("requests").has("memory")
            || !c.path("resources").path("limits").has("memory")) {
          errors.add(Repo.id(d) + ": memory request and limit required");
        }
        Map<String, String> probes =
            Map.of(
                "startupProbe", "/q/health/started",
                "livenessProbe", "/q/health/live",
                "readinessProbe", "/q/health/ready");
        probes.forEach(
            (probe, path) -> {
              if (!path.equals(c.path(probe).path("httpGet").path("path").asText())) {
                errors.add(Repo.id(d) + ": " + probe + " must GET " + path);
              }
            });
      }
    }
    assertNoErrors(overlay, errors);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void networkPoliciesDenyByDefaultAndCoverEveryService(String overlay) {
    List<String> errors = new ArrayList<>();
    List<JsonNode> policies = ofKind(overlay, "NetworkPolicy");
    boolean defaultDeny =
        policies.stream()
            .anyMatch(
                p ->
                    p.path("spec").path("podSelector").isEmpty()
                        && p.path("spec").path("policyTypes").toString().contains("Ingress")
                        && p.path("spec").path("policyTypes").toString().contains("Egress")
                        && p.path("spec").path("ingress").isEmpty()
                        && p.path("spec").path("egress").isEmpty());
    if (!defaultDeny) {
      errors.add("no default-deny NetworkPolicy (empty podSelector, Ingress+Egress, no rules)");
    }
    for (JsonNode d : ofKind(overlay, "Deployment")) {
      List<JsonNode> own =
          policies.stream()
              .filter(p -> !p.path("spec").path("podSelector").isEmpty())
              .filter(
                  p ->
                      matches(p.path("spec").path("podSelector").path("matchLabels"), podLabels(d)))
              .toList();
      if (own.isEmpty()) {
        errors.add(Repo.id(d) + ": no NetworkPolicy of its own");
        continue;
      }
      for (JsonNode p : own) {
        for (JsonNode rule : p.path("spec").path("egress")) {
          if (rule.path("to").isEmpty()) {
            errors.add(Repo.id(p) + ": a service's egress must name its destinations");
          }
        }
      }
    }
    assertNoErrors(overlay, errors);
  }

  // --- the services' configuration

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void deploymentsSetOnlySettingsTheServicesRead(String overlay) {
    List<String> errors = new ArrayList<>();
    Map<String, JsonNode> configMaps = new HashMap<>();
    ofKind(overlay, "ConfigMap").forEach(c -> configMaps.put(Repo.name(c), c));
    Set<String> secrets = new TreeSet<>();
    for (String service : Repo.SERVICES) {
      JsonNode d =
          ofKind(overlay, "Deployment").stream()
              .filter(x -> service.equals(Repo.name(x)))
              .findFirst()
              .orElse(null);
      if (d == null) {
        errors.add("no Deployment " + service);
        continue;
      }
      Properties props = Repo.applicationProperties(service);
      JsonNode c = d.path("spec").path("template").path("spec").path("containers").get(0);
      Map<String, String> env = new LinkedHashMap<>();
      for (JsonNode from : c.path("envFrom")) {
        String cm = from.path("configMapRef").path("name").asText(null);
        if (cm != null) {
          JsonNode map = configMaps.get(cm);
          if (map == null) {
            errors.add(Repo.id(d) + ": ConfigMap " + cm + " is not in the overlay");
            continue;
          }
          map.path("data")
              .fields()
              .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        }
      }
      for (JsonNode e : c.path("env")) {
        env.put(e.path("name").asText(), e.path("value").asText(""));
        String secret = e.path("valueFrom").path("secretKeyRef").path("name").asText(null);
        if (secret != null) {
          secrets.add(secret);
        }
      }
      if (props == null) {
        System.out.printf(
            "deploy-check: %s is not in this checkout; its environment names are not checked"
                + " against its application.properties%n",
            service);
        continue;
      }
      String text =
          Repo.read(Repo.root().resolve(service + "/src/main/resources/application.properties"));
      Set<String> known = new HashSet<>();
      // ${NAME:default} and ${some.property:default}: the latter MicroProfile Config also finds
      // in the environment as SOME_PROPERTY.
      Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)[:}]").matcher(text);
      while (m.find()) {
        known.add(m.group(1).replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
      }
      for (String key : props.stringPropertyNames()) {
        String plain = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
        known.add(plain.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
      }
      for (String name : env.keySet()) {
        if (!name.startsWith("QUARKUS_") && !known.contains(name)) {
          errors.add(
              Repo.id(d)
                  + ": "
                  + name
                  + " is read neither by "
                  + service
                  + "'s application.properties nor by Quarkus itself");
        }
      }
      String port = props.getProperty("quarkus.http.port");
      if (!containerPorts(d).contains("http") || !containerPortNumbers(d).contains(port)) {
        errors.add(Repo.id(d) + ": container port http must be quarkus.http.port " + port);
      }
      String db = lastSegment(props.getProperty("quarkus.datasource.reactive.url"));
      for (String url : List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL")) {
        String value = env.get(url);
        if (value == null || !value.contains("suite-pg-rw") || !db.equals(lastSegment(value))) {
          errors.add(Repo.id(d) + ": " + url + " must name suite-pg-rw and database " + db);
        }
      }
      if (!Boolean.TRUE.equals(env.containsKey("QUARKUS_DATASOURCE_PASSWORD"))) {
        errors.add(Repo.id(d) + ": no database password from a Secret");
      }
      if (!"prod".equals(env.get("QUARKUS_PROFILE"))) {
        errors.add(Repo.id(d) + ": QUARKUS_PROFILE must be prod");
      }
      for (String required : List.of("KAFKA_BOOTSTRAP_SERVERS", "OIDC_AUTH_SERVER_URL")) {
        if (!env.containsKey(required)) {
          errors.add(Repo.id(d) + ": " + required + " is not set");
        }
      }
      String prodOnly = props.getProperty("%prod.survey.token.keys");
      if (prodOnly != null && !env.containsKey("SURVEY_TOKEN_KEYS")) {
        errors.add(Repo.id(d) + ": SURVEY_TOKEN_KEYS has no default in %prod and is not set");
      }
      checkDatabase(overlay, service, db, d, errors);
    }
    // Secrets are created by the installation, never committed: each must be documented.
    String operations = Repo.read(Repo.root().resolve("docs/operations.md"));
    for (String secret : secrets) {
      if (!operations.contains(secret)) {
        errors.add("Secret " + secret + " is referenced but not documented in docs/operations.md");
      }
    }
    if (!ofKind(overlay, "Secret").isEmpty()) {
      errors.add("the overlay contains a Secret: secret values never go into git");
    }
    assertNoErrors(overlay, errors);
  }

  private static void checkDatabase(
      String overlay, String service, String db, JsonNode d, List<String> errors) {
    boolean database =
        ofKind(overlay, "Database").stream()
            .anyMatch(
                x ->
                    db.equals(x.path("spec").path("name").asText())
                        && db.equals(x.path("spec").path("owner").asText()));
    if (!database) {
      errors.add(service + ": no CNPG Database " + db + " owned by role " + db);
    }
    String secret = null;
    for (JsonNode e :
        d.path("spec").path("template").path("spec").path("containers").get(0).path("env")) {
      if ("QUARKUS_DATASOURCE_PASSWORD".equals(e.path("name").asText())) {
        secret = e.path("valueFrom").path("secretKeyRef").path("name").asText();
      }
    }
    boolean role = false;
    for (JsonNode cluster : ofKind(overlay, "Cluster")) {
      for (JsonNode r : cluster.path("spec").path("managed").path("roles")) {
        role |=
            db.equals(r.path("name").asText())
                && r.path("passwordSecret").path("name").asText().equals(secret);
      }
    }
    if (!role) {
      errors.add(service + ": the CNPG role " + db + " must take its password from " + secret);
    }
  }

  // --- Kafka topics

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void kafkaTopicsAreExactlyInfraTopicsConf(String overlay) {
    Map<String, List<String>> expected = new TreeMap<>(Repo.topicsConf());
    Map<String, List<String>> actual = new TreeMap<>();
    for (JsonNode t : ofKind(overlay, "KafkaTopic")) {
      String name = t.path("spec").path("topicName").asText(Repo.name(t));
      actual.put(
          name,
          List.of(
              t.path("spec").path("partitions").asText(),
              t.path("spec").path("config").path("retention.ms").asText()));
      assertEquals(
          "suite-kafka",
          t.path("metadata").path("labels").path("strimzi.io/cluster").asText(),
          Repo.id(t) + " must belong to the Kafka cluster suite-kafka");
    }
    assertEquals(expected, actual, overlay + ": KafkaTopics (partitions, retention.ms)");
    long replicas =
        ofKind(overlay, "KafkaNodePool").stream()
            .filter(p -> p.path("spec").path("roles").toString().contains("broker"))
            .mapToLong(p -> p.path("spec").path("replicas").asLong())
            .sum();
    for (JsonNode t : ofKind(overlay, "KafkaTopic")) {
      long r = t.path("spec").path("replicas").asLong();
      long isr = t.path("spec").path("config").path("min.insync.replicas").asLong(1);
      assertTrue(r <= replicas, Repo.id(t) + ": more replicas than brokers");
      assertTrue(isr <= r, Repo.id(t) + ": min.insync.replicas above replicas");
    }
  }

  // --- dashboard and identity

  @Test
  void dashboardAndAlertRulesUseOnlyExportedMetrics() {
    JsonNode dashboard =
        Repo.readJson(Repo.root().resolve("deploy/base/monitoring/complaint-suite-dashboard.json"));
    Set<String> exported = new HashSet<>(Metrics.exported());
    // Strimzi's Kafka Exporter, when the Kafka resource enables it.
    boolean exporter =
        ofKind("prod", "Kafka").stream().anyMatch(k -> k.path("spec").has("kafkaExporter"));
    if (exporter) {
      exported.addAll(Metrics.KAFKA_EXPORTER);
    }
    boolean surveyHere = Repo.applicationProperties("survey-service") != null;
    Map<String, String> expressions = new LinkedHashMap<>();
    List<JsonNode> panels = new ArrayList<>();
    dashboard.path("panels").forEach(panels::add);
    assertTrue(panels.size() > 5, "dashboard has panels");
    for (JsonNode panel : panels) {
      int i = 0;
      for (JsonNode target : panel.path("targets")) {
        expressions.put(
            "dashboard panel '" + panel.path("title").asText() + "' #" + i++,
            target.path("expr").asText());
      }
    }
    for (JsonNode rule : ofKind("prod", "PrometheusRule")) {
      for (JsonNode group : rule.path("spec").path("groups")) {
        for (JsonNode r : group.path("rules")) {
          expressions.put("alert " + r.path("alert").asText(), r.path("expr").asText());
        }
      }
    }
    List<String> errors = new ArrayList<>();
    expressions.forEach(
        (where, expr) -> {
          for (String metric : Metrics.referencedBy(expr)) {
            if (!exported.contains(metric)
                && !(!surveyHere && metric.startsWith("survey_"))) { // survey not merged yet
              errors.add(where + ": nothing exports " + metric);
            }
          }
        });
    assertNoErrors("dashboard and alert rules", errors);
    JsonNode cm =
        ofKind("prod", "ConfigMap").stream()
            .filter(c -> c.path("metadata").path("labels").has("grafana_dashboard"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ConfigMap labelled grafana_dashboard"));
    Iterator<String> files = cm.path("data").fieldNames();
    assertTrue(files.hasNext() && files.next().endsWith(".json"), "dashboard ConfigMap holds JSON");
  }

  @Test
  void keycloakRealmHasTheRolesClientsAndPlaceholderSecrets() {
    JsonNode realm =
        Repo.readJson(Repo.root().resolve("deploy/keycloak/complaint-suite-realm.json"));
    Set<String> roles = new TreeSet<>();
    realm.path("roles").path("realm").forEach(r -> roles.add(r.path("name").asText()));
    assertTrue(
        roles.containsAll(List.of("channel", "agent", "supervisor", "admin", "kb-editor", "bot")),
        "realm roles: " + roles);
    List<String> errors = new ArrayList<>();
    Map<String, JsonNode> clients = new HashMap<>();
    realm.path("clients").forEach(c -> clients.put(c.path("clientId").asText(), c));
    for (String channel :
        List.of(
            "channel-phone-ivr",
            "channel-web-chat",
            "channel-email-gateway",
            "channel-social-monitor",
            "channel-app",
            "channel-counter")) {
      JsonNode c = clients.get(channel);
      if (c == null) {
        errors.add("no client " + channel);
        continue;
      }
      if (c.path("publicClient").asBoolean(true) || !c.path("serviceAccountsEnabled").asBoolean()) {
        errors.add(channel + " must be confidential with a service account");
      }
      if (!c.path("secret").asText().startsWith("CHANGE-ME")) {
        errors.add(channel + ": the secret must be a CHANGE-ME placeholder");
      }
      boolean hasChannelRole = false;
      for (JsonNode u : realm.path("users")) {
        if (("service-account-" + channel).equals(u.path("username").asText())) {
          hasChannelRole = u.path("realmRoles").toString().contains("\"channel\"");
        }
      }
      if (!hasChannelRole) {
        errors.add(channel + ": its service account must have the realm role channel");
      }
    }
    if (!clients.containsKey("agent-desktop")) {
      errors.add("no client agent-desktop (board / agent desktop)");
    }
    for (JsonNode u : realm.path("users")) {
      for (JsonNode cred : u.path("credentials")) {
        if (!cred.path("value").asText().startsWith("CHANGE-ME")
            || !cred.path("temporary").asBoolean()) {
          errors.add(
              u.path("username").asText() + ": passwords are temporary CHANGE-ME placeholders");
        }
      }
    }
    assertNoErrors("realm", errors);
  }

  // --- helpers

  private static JsonNode podLabels(JsonNode deployment) {
    return deployment.path("spec").path("template").path("metadata").path("labels");
  }

  private static boolean matches(JsonNode selector, JsonNode labels) {
    if (selector == null || selector.isMissingNode()) {
      return false;
    }
    Iterator<Map.Entry<String, JsonNode>> it = selector.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> containerPorts(JsonNode deployment) {
    Set<String> ports = new HashSet<>();
    for (JsonNode c : deployment.path("spec").path("template").path("spec").path("containers")) {
      for (JsonNode p : c.path("ports")) {
        ports.add(p.path("name").asText());
        ports.add(p.path("containerPort").asText());
      }
    }
    return ports;
  }

  private static Set<String> containerPortNumbers(JsonNode deployment) {
    Set<String> ports = new HashSet<>();
    for (JsonNode c : deployment.path("spec").path("template").path("spec").path("containers")) {
      for (JsonNode p : c.path("ports")) {
        ports.add(p.path("containerPort").asText());
      }
    }
    return ports;
  }

  private static String lastSegment(String url) {
    return url == null ? "" : url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
  }
}
