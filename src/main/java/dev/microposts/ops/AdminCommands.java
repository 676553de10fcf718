package dev.microposts.ops;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Finds and runs the admin command a process was started with. */
@Component
public class AdminCommands {

    /** The exit code for a command line that names no known command (sysexits' EX_USAGE). */
    public static final int USAGE = 64;

    private final List<AdminCommand> commands;

    AdminCommands(List<AdminCommand> commands) {
        this.commands = commands.stream()
                .sorted(Comparator.comparing(AdminCommand::name))
                .toList();
    }

    /**
     * Runs {@code arguments.get(0)} with the rest as its arguments; {@code help} or an unknown name
     * lists the commands.
     */
    public int run(List<String> arguments, BufferedReader in, PrintStream out) {
        String name = arguments.isEmpty() ? "help" : arguments.get(0);
        Optional<AdminCommand> command =
                commands.stream().filter(c -> c.name().equals(name)).findFirst();
        if (command.isEmpty()) {
            if (!name.equals("help")) {
                out.println("Unknown command '" + name + "'.");
            }
            out.println("Usage: java -jar microposts.jar <command> [arguments]; commands:");
            for (AdminCommand each : commands) {
                out.printf("  %-46s %s%n", each.name() + " " + each.arguments(), each.description());
            }
            return name.equals("help") ? 0 : USAGE;
        }
        return command.get().run(arguments.subList(1, arguments.size()), in, out);
    }
}
