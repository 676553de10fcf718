package dev.microposts.ops;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a process does, from {@code MICROPOSTS_ROLES}: {@code web} (pages, the API, uploads, media files, live
 * streams), {@code worker} (the consumers of the task queues), or {@code all} of them, the default.
 *
 * @param web whether this process serves the site
 * @param worker whether this process takes tasks off the queues
 * @param label how logs, metrics and alerts name the kind of process: {@code all}, {@code web}, {@code web+worker}
 */
public record ProcessRoles(boolean web, boolean worker, String label) {

    /** The setting, as operators write it. */
    public static final String SETTING = "MICROPOSTS_ROLES";

    /** Every role one process can take, in the order they are listed. */
    public static final List<String> KNOWN = List.of("web", "worker");

    /**
     * Reads a comma-separated list such as {@code web,worker}; blank means {@code all}.
     *
     * @throws IllegalArgumentException naming the setting and the roles it accepts, for an unknown role
     */
    public static ProcessRoles parse(String value) {
        String raw = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (raw.isEmpty() || raw.equals("all")) {
            return new ProcessRoles(true, true, "all");
        }
        Set<String> roles = new LinkedHashSet<>();
        for (String part : raw.split(",")) {
            String role = part.strip();
            if (role.equals("all")) {
                roles.addAll(KNOWN);
            } else if (KNOWN.contains(role)) {
                roles.add(role);
            } else {
                throw new IllegalArgumentException(SETTING + " has an unknown role '" + part.strip()
                        + "'; it takes a comma-separated list of web and worker, or all (the default)");
            }
        }
        List<String> ordered = new ArrayList<>(KNOWN);
        ordered.retainAll(roles);
        return new ProcessRoles(roles.contains("web"), roles.contains("worker"), String.join("+", ordered));
    }

    /** The roles this process takes, e.g. {@code [web, worker]}. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (web) {
            names.add("web");
        }
        if (worker) {
            names.add("worker");
        }
        return names;
    }

    /** Whether this process leaves some of the work to others, which then must reach the same engines. */
    public boolean split() {
        return !(web && worker);
    }
}
