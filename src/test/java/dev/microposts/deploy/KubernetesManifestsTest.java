package dev.microposts.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.microposts.support.AppProcess;
import dev.microposts.support.Ports;
import dev.microposts.support.StandaloneBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.RequestMapping;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests under {@code deploy/kubernetes} hang together and fit the application: the
 * kustomizations list every file, names and selectors meet, every variable they set is a setting MicroPosts
 * has, the probes answer on a running MicroPosts configured as the manifests configure it, the grace period
 * covers the drain and the tasks, and the Ingress lets through what the application accepts. So an edit on
 * either side that breaks a deployment fails here, not in an operator's cluster.
 */
class KubernetesManifestsTest {

    private static final Path DIRECTORY = Path.of("deploy/kubernetes");

    /** Applied by the operator before the base, and kept out of it so that applying the base never replaces it. */
    private static final Path SECRET_EXAMPLE = DIRECTORY.resolve("secret.example.yaml");

    /** What MicroPosts needs to reach the operator's engines: the Secret holds them, every process gets them. */
    private static final List<String> SECRET_SETTINGS =
            List.of("DATABASE_URL", "BROKER_URL", "STORAGE_URL", "STORAGE_ACCESS_KEY", "STORAGE_SECRET_KEY");

    /** Read by the JVM itself, not by MicroPosts. */
    private static final Set<String> READ_BY_THE_JVM = Set.of("JAVA_TOOL_OPTIONS");

    /** After the drain and the tasks, Spring still stops the web server and closes the broker and the database. */
    private static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(10);

    private static final Pattern VARIABLE = Pattern.compile("`([A-Z][A-Z0-9_]*)`");

    private static Map<Path, Map<String, Object>> files;
    private static Map<String, Map<String, Object>> objects;
    private static Map<String, Object> applicationDefaults;
    private static String readme;

    @BeforeAll
    static void load() throws IOException {
        files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(DIRECTORY)) {
            for (Path file : walk.filter(
                            f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .toList()) {
                List<Object> documents = new ArrayList<>();
                new Yaml().loadAll(Files.readString(file)).forEach(d -> {
                    if (d != null) {
                        documents.add(d);
                    }
                });
                assertThat(documents).as("%s: one resource per file", file).hasSize(1);
                files.put(file.normalize(), map(documents.get(0)));
            }
        }
        objects = new TreeMap<>();
        files.forEach((file, object) -> {
            if (!isKustomization(file)) {
                assertThat(object).as(file.toString()).containsKeys("apiVersion", "kind", "metadata");
                assertThat(objects.put(object.get("kind") + "/" + name(object), object))
                        .as("%s names a %s used already", file, object.get("kind"))
                        .isNull();
            }
        });
        applicationDefaults = new TreeMap<>();
        flatten("", new Yaml().load(Files.readString(Path.of("src/main/resources/application.yml"))));
        readme = Files.readString(Path.of("README.md"));
    }

    @Test
    void theKustomizationsListEveryFileAndOnlyFilesThatExist() {
        Set<Path> listed = new TreeSet<>();
        List<String> imageSettings = new ArrayList<>();
        files.forEach((file, kustomization) -> {
            if (!isKustomization(file)) {
                return;
            }
            assertThat(kustomization.get("kind")).as(file.toString()).isIn("Kustomization", "Component");
            if (kustomization.containsKey("images")) {
                imageSettings.add(file.toString());
            }
            for (String key : List.of("resources", "components")) {
                for (Object entry : list(kustomization.getOrDefault(key, List.of()))) {
                    Path target = file.getParent().resolve((String) entry).normalize();
                    if (Files.isDirectory(target)) {
                        assertThat(target.resolve("kustomization.yaml"))
                                .as("%s in %s", entry, file)
                                .exists();
                    } else {
                        assertThat(target).as("%s in %s", entry, file).exists();
                        assertThat(listed.add(target))
                                .as("%s listed twice", target)
                                .isTrue();
                    }
                }
            }
        });
        Set<Path> unlisted = new TreeSet<>(files.keySet());
        unlisted.removeIf(KubernetesManifestsTest::isKustomization);
        unlisted.removeAll(listed);
        assertThat(unlisted).as("files no kustomization lists").containsExactly(SECRET_EXAMPLE);
        assertThat(imageSettings).as("the kustomizations that set the image").hasSize(1);
        assertThat(objects)
                .containsKeys(
                        "ConfigMap/microposts",
                        "Secret/microposts",
                        "Deployment/microposts-web",
                        "Deployment/microposts-worker",
                        "Job/microposts-migrate",
                        "Service/microposts-web",
                        "Service/microposts-management",
                        "HorizontalPodAutoscaler/microposts-web",
                        "ScaledObject/microposts-worker");
    }

    @Test
    void selectorsPortsAndTargetsMeet() {
        Map<String, Object> web = object("Deployment/microposts-web");
        Map<String, Object> worker = object("Deployment/microposts-worker");
        for (Map<String, Object> deployment : List.of(web, worker)) {
            assertThat(at(deployment, "spec.selector.matchLabels"))
                    .as(name(deployment))
                    .isEqualTo(at(deployment, "spec.template.metadata.labels"));
            Map<String, Object> container = container(deployment);
            Map<String, Integer> ports = containerPorts(container);
            assertThat(ports)
                    .as(name(deployment))
                    .containsEntry(
                            "http", Integer.valueOf(environment(deployment).get("PORT")))
                    .containsEntry(
                            "management",
                            Integer.valueOf(environment(deployment).get("MANAGEMENT_SERVER_PORT")));
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(at(container, probe + ".httpGet.port"))
                        .as("%s of %s", probe, name(deployment))
                        .isEqualTo("management");
            }
        }
        assertThat(environment(web)).containsEntry("MICROPOSTS_ROLES", "web");
        assertThat(environment(worker)).containsEntry("MICROPOSTS_ROLES", "worker");

        Map<String, Object> webService = object("Service/microposts-web");
        assertThat(at(webService, "spec.selector")).isEqualTo(at(web, "spec.selector.matchLabels"));
        Map<String, Object> management = object("Service/microposts-management");
        Map<String, String> scraped = map(at(management, "spec.selector"));
        assertThat(List.of(web, worker))
                .allSatisfy(deployment -> assertThat(map(at(deployment, "spec.template.metadata.labels")))
                        .as("management Service selects %s", name(deployment))
                        .containsAllEntriesOf(scraped));
        assertThat(map(at(object("Job/microposts-migrate"), "spec.template.metadata.labels")))
                .as("the migration's pod is not scraped")
                .doesNotContainEntry("app.kubernetes.io/name", scraped.get("app.kubernetes.io/name"));
        for (Map<String, Object> service : List.of(webService, management)) {
            for (Object port : list(at(service, "spec.ports"))) {
                Object target = map(port).get("targetPort");
                assertThat(deployments())
                        .filteredOn(d -> selects(map(at(service, "spec.selector")), d))
                        .as("Deployments behind %s", name(service))
                        .isNotEmpty()
                        .allSatisfy(d -> assertThat(containerPorts(container(d)))
                                .as("%s's port %s", name(d), target)
                                .containsKey((String) target));
            }
        }

        for (String kind : List.of("PodDisruptionBudget/microposts-web", "PodDisruptionBudget/microposts-worker")) {
            Map<String, Object> budget = object(kind);
            assertThat(deployments()).as(kind).anySatisfy(d -> assertThat(at(budget, "spec.selector.matchLabels"))
                    .isEqualTo(at(d, "spec.selector.matchLabels")));
        }

        Map<String, Object> hpa = object("HorizontalPodAutoscaler/microposts-web");
        Map<String, Object> scaledObject = object("ScaledObject/microposts-worker");
        assertThat(target(hpa)).isSameAs(web);
        assertThat(target(scaledObject))
                .as("KEDA and the HPA never scale the same Deployment")
                .isSameAs(worker);

        for (Map<String, Object> ingress : ingresses()) {
            for (Object rule : list(at(ingress, "spec.rules"))) {
                for (Object path : list(at(map(rule), "http.paths"))) {
                    Map<String, Object> backend = map(at(map(path), "backend.service"));
                    Map<String, Object> service = object("Service/" + backend.get("name"));
                    assertThat(list(at(service, "spec.ports")))
                            .as("%s's backend port", name(ingress))
                            .anySatisfy(p -> assertThat(map(p).get("name")).isEqualTo(at(backend, "port.name")));
                }
            }
        }
    }

    @Test
    void kedaScalesTheWorkersOnTheTranscodeQueueWithCredentialsFromTheSecret() {
        Map<String, Object> scaledObject = object("ScaledObject/microposts-worker");
        List<Object> triggers = list(at(scaledObject, "spec.triggers"));
        assertThat(triggers).hasSize(1);
        Map<String, Object> trigger = map(triggers.get(0));
        assertThat(trigger.get("type")).isEqualTo("artemis-queue");
        Map<String, Object> metadata = map(trigger.get("metadata"));
        assertThat(metadata)
                .containsKeys("managementEndpoint", "brokerName", "queueLength")
                .containsEntry("queueName", "tasks.transcode")
                .containsEntry("brokerAddress", "tasks.transcode");
        assertThat(Integer.parseInt((String) metadata.get("queueLength"))).isPositive();
        assertThat((Integer) at(scaledObject, "spec.minReplicaCount"))
                .as("the other queues need a worker even when no transcode waits")
                .isPositive();
        Map<String, Object> authentication = object("TriggerAuthentication/" + at(trigger, "authenticationRef.name"));
        Map<String, Object> secret = object("Secret/microposts");
        List<String> parameters = new ArrayList<>();
        for (Object reference : list(at(authentication, "spec.secretTargetRef"))) {
            Map<String, Object> ref = map(reference);
            parameters.add((String) ref.get("parameter"));
            assertThat(ref.get("name")).isEqualTo(name(secret));
            assertThat(map(secret.get("stringData"))).containsKey((String) ref.get("key"));
        }
        assertThat(parameters).containsExactlyInAnyOrder("username", "password");
    }

    @Test
    void everyVariableSetIsASettingOfTheApplication() {
        Set<String> documented = readmeSettings();
        Map<String, Object> configMap = object("ConfigMap/microposts");
        Set<String> names = new TreeSet<>(map(configMap.get("data")).keySet());
        for (Map<String, Object> workload : workloads()) {
            for (Object variable : list(container(workload).getOrDefault("env", List.of()))) {
                names.add((String) map(variable).get("name"));
            }
        }
        assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(isSetting(name, documented))
                .as("%s is a setting of MicroPosts (bound in application.yml or in the README's Settings table)", name)
                .isTrue());
    }

    @Test
    void everyProcessGetsTheEnginesFromTheSecretTheReadmeAsksFor() {
        Set<String> documented = readmeSettings();
        String kubernetesSection = section("### Kubernetes");
        Map<String, Object> secret = object("Secret/microposts");
        assertThat(SECRET_SETTINGS).allSatisfy(name -> {
            assertThat(documented).as("the README's Settings table").contains(name);
            assertThat(kubernetesSection).as("the README's Kubernetes section").contains("`" + name + "`");
            assertThat(map(secret.get("stringData"))).as("the example Secret").containsKey(name);
        });
        for (Map<String, Object> workload : workloads()) {
            Map<String, String> fromSecret = new TreeMap<>();
            for (Object variable : list(container(workload).getOrDefault("env", List.of()))) {
                Object reference = at(map(variable), "valueFrom.secretKeyRef");
                if (reference != null) {
                    assertThat(map(reference).get("name")).isEqualTo(name(secret));
                    fromSecret.put((String) map(variable).get("name"), (String)
                            map(reference).get("key"));
                }
            }
            assertThat(fromSecret.keySet()).as(name(workload)).containsExactlyInAnyOrderElementsOf(SECRET_SETTINGS);
            fromSecret.forEach((variable, key) -> assertThat(key).as(variable).isEqualTo(variable));
            for (Object source : list(container(workload).getOrDefault("envFrom", List.of()))) {
                assertThat(objects)
                        .as("%s of %s", source, name(workload))
                        .containsKey("ConfigMap/" + at(map(source), "configMapRef.name"));
            }
        }
    }

    @Test
    void aStoppingPodHasTimeForTheDrainAndTheRunningTasks() {
        for (Map<String, Object> deployment : deployments()) {
            Map<String, String> environment = environment(deployment);
            Duration drain = duration(environment, "MICROPOSTS_WEB_DRAIN_DELAY", "microposts.web.drain-delay");
            Duration tasks =
                    duration(environment, "MICROPOSTS_TASKS_SHUTDOWN_GRACE", "microposts.tasks.shutdown-grace");
            Object pause = at(container(deployment), "lifecycle.preStop.sleep.seconds");
            Duration preStop = Duration.ofSeconds(pause == null ? 0 : ((Number) pause).longValue());
            Duration grace = Duration.ofSeconds(
                    ((Number) at(deployment, "spec.template.spec.terminationGracePeriodSeconds")).longValue());
            assertThat(grace)
                    .as("%s: preStop %s + drain %s + tasks %s", name(deployment), preStop, drain, tasks)
                    .isGreaterThanOrEqualTo(preStop.plus(drain).plus(tasks).plus(SHUTDOWN_MARGIN));
        }
        Map<String, String> web = environment(object("Deployment/microposts-web"));
        assertThat(web).as("the web pods drain").containsKey("MICROPOSTS_WEB_DRAIN_DELAY");
        assertThat(at(container(object("Deployment/microposts-web")), "lifecycle.preStop"))
                .isNotNull();
    }

    @Test
    void theIngressLetsThroughWhatTheApplicationAcceptsAndStreamsTheLiveEvents() throws Exception {
        Map<String, Object> site = object("Ingress/microposts");
        DataSize upload = DataSize.parse(environment(object("Deployment/microposts-web"))
                .getOrDefault("MICROPOSTS_MEDIA_MAX_UPLOAD_SIZE", (String)
                        applicationDefaults.get("microposts.media.max-upload-size")));
        long body = DataSize.parse(annotation(site, "proxy-body-size").toUpperCase(Locale.ROOT) + "B")
                .toBytes();
        assertThat(body)
                .as("nginx takes the largest upload, so MicroPosts answers anything larger itself")
                .isGreaterThanOrEqualTo(upload.toBytes())
                .isLessThanOrEqualTo(upload.toBytes() + DataSize.ofMegabytes(8).toBytes());
        assertThat(annotation(site, "proxy-request-buffering")).isEqualTo("off");

        Map<String, Object> live = object("Ingress/microposts-live");
        assertThat(annotation(live, "proxy-buffering")).isEqualTo("off");
        Duration heartbeat =
                DurationStyle.detectAndParse((String) applicationDefaults.get("microposts.live.heartbeat"));
        assertThat(Duration.ofSeconds(Long.parseLong(annotation(live, "proxy-read-timeout"))))
                .as("longer than the quiet between two heartbeats")
                .isGreaterThan(heartbeat.multipliedBy(2));
        assertThat(paths(live)).containsExactlyInAnyOrderElementsOf(eventStreamPaths());
    }

    @Test
    void theProbesAnswerOnMicroPostsConfiguredAsTheManifestsConfigureIt(@TempDir Path directory) throws Exception {
        Set<String> probes = new TreeSet<>();
        for (Map<String, Object> deployment : deployments()) {
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                probes.add((String) at(container(deployment), probe + ".httpGet.path"));
            }
        }
        assertThat(probes).containsExactlyInAnyOrder("/actuator/health/liveness", "/actuator/health/readiness");

        // why: split roles refuse the embedded engines, so the Deployments run here as in a cluster, on a
        // PostgreSQL and a broker of their own
        try (StandaloneBroker broker = StandaloneBroker.start(directory.resolve("broker"), Ports.free(), false);
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(directory.resolve("postgres"))
                        .setCleanDataDirectory(true)
                        .start()) {
            Map<String, String> engines = Map.of(
                    "DATABASE_URL",
                    "postgres://postgres:postgres@localhost:" + postgres.getPort() + "/postgres",
                    "BROKER_URL",
                    broker.url(),
                    "STORAGE_URL",
                    Files.createDirectories(directory.resolve("media")).toUri().toString());
            // why: as in a cluster, the migration Job runs before any Deployment, which never migrates itself
            AppProcess.Command migrated = AppProcess.runCommand(
                    Files.createDirectories(directory.resolve("microposts-migrate")),
                    directory.resolve("microposts-migrate.log"),
                    engines,
                    list(at(container(object("Job/microposts-migrate")), "args")).stream()
                            .map(String::valueOf)
                            .toList());
            assertThat(migrated.exitCode()).as(migrated.output()).isZero();
            for (Map<String, Object> deployment : deployments()) {
                String name = (String) at(deployment, "metadata.name");
                Map<String, String> environment = new LinkedHashMap<>(environment(deployment));
                environment.keySet().removeAll(READ_BY_THE_JVM);
                environment.keySet().removeAll(SECRET_SETTINGS);
                environment.putAll(engines);
                int port = Ports.free();
                int managementPort = Ports.free();
                // why: the same variables with free ports and a directory of this test's own
                environment.put("PORT", String.valueOf(port));
                environment.put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
                environment.put(
                        "MICROPOSTS_DATA_DIR",
                        Files.createDirectories(directory.resolve(name)).toString());
                Path log = directory.resolve(name + ".log");
                Process process = start(environment, log);
                HttpClient client = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(2))
                        .build();
                try {
                    await().atMost(Duration.ofSeconds(180))
                            .pollInterval(Duration.ofMillis(500))
                            .failFast("MicroPosts (" + name + ") exited early, see " + log, () -> !process.isAlive())
                            .ignoreExceptions()
                            .until(() -> get(client, managementPort, "/actuator/health/readiness", "*/*") == 200);
                    for (String probe : probes) {
                        assertThat(get(client, managementPort, probe, "*/*"))
                                .as("%s of %s on the management port", probe, name)
                                .isEqualTo(200);
                        assertThat(get(client, port, probe, "*/*"))
                                .as("%s of %s stays off the public port", probe, name)
                                .isEqualTo(404);
                    }
                    if (name.equals("microposts-web")) {
                        for (String path : paths(object("Ingress/microposts-live"))) {
                            assertThat(get(client, port, path, MediaType.TEXT_EVENT_STREAM_VALUE))
                                    .as(
                                            "%s answers a visitor who has not logged in, without being a page that"
                                                    + " does not exist",
                                            path)
                                    .isBetween(300, 499)
                                    .isNotEqualTo(404);
                        }
                    } else {
                        assertThat(get(client, port, "/", "text/html"))
                                .as("a worker serves no pages")
                                .isEqualTo(404);
                    }
                } finally {
                    process.destroy();
                    if (!process.waitFor(2, TimeUnit.MINUTES)) {
                        process.destroyForcibly().waitFor();
                    }
                }
            }
        }
    }

    @Test
    void kubectlBuildsBothKustomizations(@TempDir Path directory) throws Exception {
        Path kubectl = onPath("kubectl");
        assumeTrue(
                kubectl != null,
                "kubectl is not on PATH: the kustomizations were checked by this test's own reading only");
        String image = (String) ((Map<?, ?>) list(files.get(DIRECTORY.resolve("release/kustomization.yaml"))
                                .get("images"))
                        .get(0))
                .get("newName");
        for (Path kustomization : List.of(DIRECTORY, DIRECTORY.resolve("migrate"))) {
            Path output = directory.resolve(kustomization.getFileName() + ".yaml");
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", kustomization.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            String built = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(built).isZero();
            List<Map<String, Object>> rendered = new ArrayList<>();
            new Yaml().loadAll(built).forEach(d -> rendered.add(map(d)));
            assertThat(rendered).isNotEmpty().allSatisfy(object -> assertThat(map(at(object, "metadata.labels")))
                    .as("%s/%s", object.get("kind"), name(object))
                    .containsEntry("app.kubernetes.io/part-of", "microposts"));
            assertThat(rendered)
                    .filteredOn(o -> at(o, "spec.template.spec.containers") != null)
                    .isNotEmpty()
                    .allSatisfy(o -> assertThat((String) container(o).get("image"))
                            .as(name(o))
                            .startsWith(image + ":"));
        }
    }

    @Test
    void theReadmeCommandsNameFilesAndObjectsThatExist() {
        List<String> commands = new ArrayList<>();
        for (String line : section("### Kubernetes").split("\n")) {
            if (line.startsWith("    ")) {
                commands.add(line.replaceAll("#.*", "").strip());
            }
        }
        assertThat(commands)
                .as("the README's Kubernetes commands")
                .anySatisfy(c -> assertThat(c).startsWith("kubectl apply -k deploy/kubernetes/migrate"))
                .anySatisfy(c -> assertThat(c).startsWith("kubectl wait --for=condition=complete job/"))
                .last()
                .isEqualTo("kubectl apply -k " + DIRECTORY);
        for (String command : commands) {
            List<String> words = List.of(command.split("\\s+"));
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                if (word.startsWith(DIRECTORY.toString())) {
                    assertThat(Path.of(word)).as(command).exists();
                }
                if (word.equals("-k")) {
                    assertThat(Path.of(words.get(i + 1), "kustomization.yaml"))
                            .as(command)
                            .exists();
                }
                if (word.startsWith("job/")) {
                    assertThat(objects).as(command).containsKey("Job/" + word.substring("job/".length()));
                }
                if (word.equals("job")) {
                    assertThat(objects).as(command).containsKey("Job/" + words.get(i + 1));
                }
            }
        }
        assertThat(commands)
                .as("the Secret is applied before the migration, and the migration before the base")
                .containsSubsequence(
                        "kubectl apply -f ~/microposts-secret.yaml",
                        "kubectl apply -k deploy/kubernetes/migrate",
                        "kubectl apply -k deploy/kubernetes");
    }

    private static Process start(Map<String, String> environment, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.microposts.MicroPostsApplication");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static int get(HttpClient client, int port, String path, String accept) throws Exception {
        return client.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Accept", accept)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /**
     * A variable is a setting when Spring's relaxed binding takes it to a property application.yml declares
     * (MICROPOSTS_MEDIA_MAX_UPLOAD_SIZE to microposts.media.max-upload-size), or when the README documents it.
     */
    private static boolean isSetting(String variable, Set<String> documented) {
        if (READ_BY_THE_JVM.contains(variable)) {
            return true;
        }
        if (!variable.startsWith("MICROPOSTS_")) {
            return documented.contains(variable);
        }
        ConfigurationPropertySource source = ConfigurationPropertySource.from(
                new SystemEnvironmentPropertySource("systemEnvironment", Map.of(variable, "set")));
        boolean binds = applicationDefaults.keySet().stream()
                .filter(ConfigurationPropertyName::isValid)
                .anyMatch(key -> source.getConfigurationProperty(ConfigurationPropertyName.of(key)) != null);
        return binds;
    }

    /** The variables in the first column of the README's Settings table. */
    private static Set<String> readmeSettings() {
        Set<String> names = new TreeSet<>();
        for (String line : section("## Settings").split("\n")) {
            if (line.startsWith("| `")) {
                Matcher matcher = VARIABLE.matcher(line.split("\\|")[1]);
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        assertThat(names).as("the README's Settings table").contains("PORT", "MANAGEMENT_SERVER_PORT");
        return names;
    }

    private static String section(String heading) {
        int start = readme.indexOf("\n" + heading + "\n");
        assertThat(start).as(heading).isNotNegative();
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        int end = readme.indexOf("\n" + level, start + heading.length() + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /**
     * Every path MicroPosts streams server-sent events at, from its controllers, with the unversioned twin
     * that every API path has.
     */
    private static Set<String> eventStreamPaths() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
        Set<String> paths = new TreeSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("dev.microposts")) {
            Class<?> controller = Class.forName(candidate.getBeanClassName());
            RequestMapping base = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
            for (Method method : controller.getDeclaredMethods()) {
                RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
                if (mapping == null || !List.of(mapping.produces()).contains(MediaType.TEXT_EVENT_STREAM_VALUE)) {
                    continue;
                }
                List<String> prefixes = base == null || base.path().length == 0 ? List.of("") : List.of(base.path());
                for (String prefix : prefixes) {
                    for (String path : mapping.path()) {
                        paths.add(prefix + path);
                        if ((prefix + path).startsWith("/api/v1/")) {
                            paths.add("/api/" + (prefix + path).substring("/api/v1/".length()));
                        }
                    }
                }
            }
        }
        assertThat(paths).as("event streams found in the controllers").isNotEmpty();
        return paths;
    }

    private static List<String> paths(Map<String, Object> ingress) {
        List<String> paths = new ArrayList<>();
        for (Object rule : list(at(ingress, "spec.rules"))) {
            for (Object path : list(at(map(rule), "http.paths"))) {
                paths.add((String) map(path).get("path"));
            }
        }
        return paths;
    }

    private static String annotation(Map<String, Object> ingress, String name) {
        Object value = map(at(ingress, "metadata.annotations")).get("nginx.ingress.kubernetes.io/" + name);
        assertThat(value).as("%s on %s", name, name(ingress)).isNotNull();
        return value.toString();
    }

    /** What the process sees: the ConfigMaps it takes whole, then its own variables over them. */
    private static Map<String, String> environment(Map<String, Object> workload) {
        Map<String, String> environment = new TreeMap<>();
        Map<String, Object> container = container(workload);
        for (Object source : list(container.getOrDefault("envFrom", List.of()))) {
            Object configMap = at(map(source), "configMapRef.name");
            if (configMap != null) {
                map(object("ConfigMap/" + configMap).get("data"))
                        .forEach((key, value) -> environment.put(key, String.valueOf(value)));
            }
        }
        for (Object variable : list(container.getOrDefault("env", List.of()))) {
            Map<String, Object> entry = map(variable);
            if (entry.containsKey("value")) {
                environment.put((String) entry.get("name"), String.valueOf(entry.get("value")));
            }
        }
        return environment;
    }

    private static Duration duration(Map<String, String> environment, String variable, String property) {
        String value = environment.getOrDefault(variable, (String) applicationDefaults.get(property));
        return value == null ? Duration.ZERO : DurationStyle.detectAndParse(value);
    }

    private static Map<String, Integer> containerPorts(Map<String, Object> container) {
        Map<String, Integer> ports = new TreeMap<>();
        for (Object port : list(container.getOrDefault("ports", List.of()))) {
            ports.put((String) map(port).get("name"), (Integer) map(port).get("containerPort"));
        }
        return ports;
    }

    private static Map<String, Object> target(Map<String, Object> scaler) {
        Map<String, Object> reference = map(at(scaler, "spec.scaleTargetRef"));
        assertThat(reference.get("kind")).as(name(scaler)).isEqualTo("Deployment");
        return object("Deployment/" + reference.get("name"));
    }

    private static boolean selects(Map<String, Object> selector, Map<String, Object> deployment) {
        return map(at(deployment, "spec.template.metadata.labels")).entrySet().containsAll(selector.entrySet());
    }

    private static Map<String, Object> container(Map<String, Object> workload) {
        List<Object> containers = list(at(workload, "spec.template.spec.containers"));
        assertThat(containers).as(name(workload)).hasSize(1);
        return map(containers.get(0));
    }

    private static List<Map<String, Object>> deployments() {
        return objects.entrySet().stream()
                .filter(e -> e.getKey().startsWith("Deployment/"))
                .map(Map.Entry::getValue)
                .toList();
    }

    private static List<Map<String, Object>> workloads() {
        List<Map<String, Object>> workloads = new ArrayList<>(deployments());
        workloads.add(object("Job/microposts-migrate"));
        return workloads;
    }

    private static List<Map<String, Object>> ingresses() {
        return objects.entrySet().stream()
                .filter(e -> e.getKey().startsWith("Ingress/"))
                .map(Map.Entry::getValue)
                .toList();
    }

    private static Map<String, Object> object(String kindAndName) {
        Map<String, Object> object = objects.get(kindAndName);
        assertThat(object).as(kindAndName).isNotNull();
        return object;
    }

    private static String name(Map<String, Object> object) {
        return (String) map(object.get("metadata")).get("name");
    }

    private static boolean isKustomization(Path file) {
        return file.getFileName().toString().equals("kustomization.yaml");
    }

    private static Path onPath(String program) {
        for (String directory :
                Objects.requireNonNullElse(System.getenv("PATH"), "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (!directory.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void flatten(String prefix, Object value) {
        if (value instanceof Map<?, ?> children) {
            children.forEach((key, child) -> flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, child));
        } else {
            applicationDefaults.put(prefix, value == null ? null : value.toString());
        }
    }

    /** The value at a dotted path of nested maps, or null where the path ends early. */
    private static Object at(Map<String, Object> object, String path) {
        Object current = object;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> children)) {
                return null;
            }
            current = children.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, V>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
