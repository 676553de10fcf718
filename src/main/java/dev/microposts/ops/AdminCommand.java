package dev.microposts.ops;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.util.List;

/**
 * A one-off admin command, run as {@code java -jar microposts.jar <name> [arguments]} against the
 * same configuration as the service. Modules contribute commands by declaring beans of this type.
 */
public interface AdminCommand {

    /** The word that selects the command, e.g. {@code create-user}. */
    String name();

    /** Its arguments, e.g. {@code <username> [--display-name=NAME]}. */
    String arguments();

    /** One line saying what it does. */
    String description();

    /**
     * Runs the command and answers the process exit code: 0 when it did its job, 2 when the input was
     * refused (after saying why on {@code out}).
     */
    int run(List<String> arguments, BufferedReader in, PrintStream out);
}
