package dev.microposts.accounts.internal;

import dev.microposts.ops.AdminCommand;
import dev.microposts.refusals.InvalidInput;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code reset-password <username>}: there is no mail to send a reset link with, so a member who forgot their
 * password asks the operator, who runs this and hands them the new one. The password comes from
 * {@code MICROPOSTS_PASSWORD} when it is set; otherwise one is generated and printed, once, never stored anywhere
 * but as a hash. Every API token and page session of the member ends: whoever knew the old password may hold one.
 */
@Component
class ResetPasswordCommand implements AdminCommand {

    // why: no vowels, so a generated password never spells a word (or a name); 24 of 32 symbols are 120 bits
    private static final String SYMBOLS = "bcdfghjkmnpqrstvwxz23456789BCDFG";
    private static final int GENERATED_LENGTH = 24;

    private final AccountService accounts;
    private final SecureRandom random = new SecureRandom();

    ResetPasswordCommand(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public String name() {
        return "reset-password";
    }

    @Override
    public String arguments() {
        return "<username>";
    }

    @Override
    public String description() {
        return "give a user a new password (MICROPOSTS_PASSWORD, or a generated one, printed) and sign them out";
    }

    @Override
    public int run(List<String> arguments, BufferedReader in, PrintStream out) {
        if (arguments.size() != 1 || arguments.get(0).startsWith("--")) {
            out.println("Usage: reset-password " + arguments());
            return 2;
        }
        String given = System.getenv("MICROPOSTS_PASSWORD");
        boolean generated = given == null || given.isEmpty();
        String password = generated ? generate() : given;
        try {
            return accounts.resetPassword(arguments.get(0), password)
                    .map(account -> {
                        out.println("Reset the password of '" + account.username() + "'; their sessions and tokens"
                                + " have ended.");
                        if (generated) {
                            out.println("New password (shown only now): " + password);
                        }
                        return 0;
                    })
                    .orElseGet(() -> {
                        out.println("No user named '" + arguments.get(0) + "'");
                        return 2;
                    });
        } catch (InvalidInput refused) {
            out.println("Not reset: password " + refused.fields().get(0).message());
            return 2;
        }
    }

    private String generate() {
        StringBuilder password = new StringBuilder(GENERATED_LENGTH + GENERATED_LENGTH / 6);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            if (i > 0 && i % 6 == 0) {
                password.append('-'); // why: read aloud or copied by hand in groups
            }
            password.append(SYMBOLS.charAt(random.nextInt(SYMBOLS.length())));
        }
        return password.toString();
    }
}
