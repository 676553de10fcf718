package dev.microposts;

import dev.microposts.ops.AdminCommands;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * MicroPosts: a microblog whose posts can carry videos. By default every engine it needs (PostgreSQL,
 * the Artemis broker) runs inside this one process; URLs in the environment attach external ones.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MicroPostsApplication {

    /**
     * Starts the service, or, when the first argument is a command ({@code migrate}, {@code create-user},
     * {@code help}, ...), runs that command against the same configuration without serving HTTP, and exits.
     */
    public static void main(String[] args) {
        if (args.length > 0 && !args[0].startsWith("-")) {
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            System.exit(runAdminCommand(args, stdin, System.out));
        }
        exitCleanlyOnSigterm();
        SpringApplication.run(MicroPostsApplication.class, args);
    }

    /**
     * SIGTERM is how orchestrators ask a process to stop, not a failure: the stop runs as for any exit (requests
     * and tasks in hand finish) and the process ends with 0, where the JVM would report 143.
     */
    @SuppressWarnings("removal")
    private static void exitCleanlyOnSigterm() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> System.exit(0));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // why: a platform without SIGTERM, or one that keeps it for itself; its default still stops cleanly
        }
    }

    /**
     * Runs an admin command. Arguments like {@code --microposts.data-dir=/srv/data} (a dotted property
     * name) are settings, as for the service; the others belong to the command.
     */
    static int runAdminCommand(String[] args, BufferedReader in, PrintStream out) {
        Predicate<String> setting = a -> a.startsWith("--") && a.indexOf('.') > 0 && a.indexOf('.') < a.indexOf('=');
        String[] settings = Arrays.stream(args).filter(setting).toArray(String[]::new);
        List<String> command = Arrays.stream(args).filter(setting.negate()).toList();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MicroPostsApplication.class)
                .web(WebApplicationType.NONE)
                // the command's own output is what the operator reads; the log keeps to warnings;
                // a command does not take tasks off the queues, relay events or run listeners, unless it says so
                .properties(
                        "logging.level.root=warn",
                        "microposts.tasks.workers=false",
                        "microposts.bus.relay=false",
                        "microposts.bus.listeners=false")
                // why: migrate changes the schema as the process starts, before anything queries the old one
                .properties(
                        command.isEmpty() || !command.get(0).equals("migrate")
                                ? Map.of()
                                : Map.of("microposts.schema.migrate-command", String.join(" ", command)))
                .run(settings)) {
            return context.getBean(AdminCommands.class).run(command, in, out);
        } catch (RuntimeException e) {
            // why: a command that refuses as the process starts has said why already and ends with its own code
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ExitCodeGenerator refusal) {
                    return refusal.getExitCode();
                }
            }
            throw e;
        }
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
