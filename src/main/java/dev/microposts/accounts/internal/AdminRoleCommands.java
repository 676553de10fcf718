package dev.microposts.accounts.internal;

import dev.microposts.ops.AdminCommand;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code grant-admin <username>} and {@code revoke-admin <username>}: the only ways, with
 * {@code create-user --admin}, to change who operates the instance. A bearer token sees the change on its next
 * request; a page session on its next login.
 */
@Configuration(proxyBeanMethods = false)
class AdminRoleCommands {

    @Bean
    AdminCommand grantAdmin(AccountService accounts) {
        return new RoleCommand(accounts, "grant-admin", "make an existing user an admin", true);
    }

    @Bean
    AdminCommand revokeAdmin(AccountService accounts) {
        return new RoleCommand(accounts, "revoke-admin", "make an admin an ordinary user again", false);
    }

    private record RoleCommand(AccountService accounts, String name, String description, boolean admin)
            implements AdminCommand {

        @Override
        public String arguments() {
            return "<username>";
        }

        @Override
        public int run(List<String> arguments, BufferedReader in, PrintStream out) {
            if (arguments.size() != 1) {
                out.println("Usage: " + name + " <username>");
                return 2;
            }
            return accounts.setAdmin(arguments.get(0), admin)
                    .map(account -> {
                        out.println(
                                "'" + account.username() + "' is " + (admin ? "now an admin" : "no longer an admin"));
                        return 0;
                    })
                    .orElseGet(() -> {
                        out.println("No user named '" + arguments.get(0) + "'");
                        return 2;
                    });
        }
    }
}
