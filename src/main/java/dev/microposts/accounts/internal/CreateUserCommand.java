package dev.microposts.accounts.internal;

import dev.microposts.ops.AdminCommand;
import dev.microposts.refusals.Refusal;
import dev.microposts.web.FormErrors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code create-user <username> [--display-name=NAME] [--admin]}: registers an account from the command line;
 * with {@code --admin} it is an operator's, which is how the first admin comes to exist (there is no default one).
 * The password comes from {@code MICROPOSTS_PASSWORD}, or else from the first line of standard input,
 * never from the arguments (they show in process lists and shell history).
 */
@Component
class CreateUserCommand implements AdminCommand {

    private final AccountService accounts;

    CreateUserCommand(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public String name() {
        return "create-user";
    }

    @Override
    public String arguments() {
        return "<username> [--display-name=NAME] [--admin]";
    }

    @Override
    public String description() {
        return "register an account (an admin with --admin); the password comes from MICROPOSTS_PASSWORD or"
                + " standard input";
    }

    @Override
    public int run(List<String> arguments, BufferedReader in, PrintStream out) {
        List<String> names = arguments.stream().filter(a -> !a.startsWith("--")).toList();
        if (names.size() != 1) {
            out.println("Usage: create-user " + arguments());
            return 2;
        }
        String displayName = arguments.stream()
                .filter(a -> a.startsWith("--display-name="))
                .map(a -> a.substring("--display-name=".length()))
                .findFirst()
                .orElse(null);
        String password = System.getenv("MICROPOSTS_PASSWORD");
        if (password == null || password.isEmpty()) {
            password = readPassword(in, out);
        }
        try {
            Account account = accounts.register(names.get(0), password, displayName);
            if (arguments.contains("--admin")) {
                accounts.setAdmin(account.username(), true);
                out.println("Created admin '" + account.username() + "' (id " + account.id() + ")");
            } else {
                out.println("Created user '" + account.username() + "' (id " + account.id() + ")");
            }
            return 0;
        } catch (Refusal refusal) {
            out.println("Not created: " + describe(refusal));
            return 2;
        }
    }

    private static String readPassword(BufferedReader in, PrintStream out) {
        if (System.console() != null) {
            char[] typed = System.console().readPassword("Password: ");
            return typed == null ? "" : new String(typed);
        }
        try {
            String line = in.readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The refusal in one line: each invalid field and why, or its message. */
    private static String describe(Refusal refusal) {
        Map<String, String> errors = FormErrors.of(refusal);
        if (errors.size() == 1 && errors.containsKey("form")) {
            return errors.get("form");
        }
        return String.join(
                "; ",
                errors.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .toList());
    }
}
