package dev.microposts.ops;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements an expand migration must not hold, because the previous release keeps running on the expanded
 * schema during a rollout and would break on them: what it reads disappears or changes shape, what it writes is
 * refused, or a table it uses is locked for the length of an index build. Each has a safe way, named in the refusal.
 * The checker reads SQL text, without comments, in any letter case; a table the same migration creates is new, so
 * nothing running can use it yet and the rules about existing tables leave it alone.
 */
final class ExpandRules {

    private static final String NAME = "(?:\"[^\"]+\"|[a-z_][a-z0-9_$]*)(?:\\.(?:\"[^\"]+\"|[a-z_][a-z0-9_$]*))?";
    private static final Pattern CREATE_TABLE =
            Pattern.compile("^create (?:unlogged |temp |temporary )?table (?:if not exists )?(" + NAME + ")");
    private static final Pattern DROP_TABLE = Pattern.compile("^drop table\\b");
    private static final Pattern ALTER_TABLE =
            Pattern.compile("^alter table (?:if exists )?(?:only )?(" + NAME + ")(?: \\*)? (.*)$");
    private static final Pattern RENAME_TABLE_OR_COLUMN = Pattern.compile("^rename\\b");
    private static final Pattern DROP_COLUMN = Pattern.compile("^drop (?!constraint\\b)(?:column\\b)?");
    private static final Pattern COLUMN_TYPE = Pattern.compile("^alter (?:column )?" + NAME + " (?:set data )?type\\b");
    private static final Pattern SET_NOT_NULL = Pattern.compile("^alter (?:column )?" + NAME + " set not null\\b");
    private static final Pattern ADD_COLUMN = Pattern.compile("^add (?!constraint\\b)(?:column )?(?:if not exists )?");
    private static final Pattern NOT_NULL = Pattern.compile("\\bnot null\\b");
    private static final Pattern DEFAULT = Pattern.compile("\\bdefault\\b");
    private static final Pattern GENERATED = Pattern.compile("\\bgenerated\\b");
    private static final Pattern CREATE_INDEX =
            Pattern.compile("^create (?:unique )?index (concurrently )?(?:.*? )?on (?:only )?(" + NAME + ")");
    private static final Pattern RENAME_ELSEWHERE = Pattern.compile("^alter (?:index|view|sequence) .* rename\\b");

    private ExpandRules() {}

    /** Why each refused statement of {@code sql}, the text of the migration {@code file}, is refused; empty when none. */
    static List<String> violations(String file, String sql) {
        List<Statement> statements = Statement.split(sql);
        Set<String> created = new HashSet<>();
        for (Statement statement : statements) {
            Matcher create = CREATE_TABLE.matcher(statement.matched());
            if (create.find()) {
                created.add(create.group(1));
            }
        }
        List<String> violations = new ArrayList<>();
        for (Statement statement : statements) {
            for (String why : refusals(statement.matched(), created)) {
                violations.add(file + ": `" + statement.shown() + "` " + why);
            }
        }
        return violations;
    }

    private static List<String> refusals(String statement, Set<String> created) {
        List<String> refusals = new ArrayList<>();
        if (DROP_TABLE.matcher(statement).find()) {
            refusals.add("drops a table the previous release still reads and writes; instead stop using it in this"
                    + " release and drop it in a contract migration (db/contract) once every process runs it.");
        }
        if (RENAME_ELSEWHERE.matcher(statement).find()) {
            refusals.add("renames something the previous release uses by its old name; instead create the new one"
                    + " beside the old and drop the old one in a contract migration.");
        }
        Matcher index = CREATE_INDEX.matcher(statement);
        if (index.find() && index.group(1) == null && !created.contains(index.group(2))) {
            refusals.add("locks writes to " + index.group(2) + " while the index builds, so the running release"
                    + " stalls; instead use CREATE INDEX CONCURRENTLY IF NOT EXISTS, alone in a migration of its own.");
        }
        Matcher alter = ALTER_TABLE.matcher(statement);
        if (alter.find()) {
            boolean existing = !created.contains(alter.group(1));
            for (String action : topLevelParts(alter.group(2))) {
                refusals.addAll(alterRefusals(alter.group(1), action.strip(), existing));
            }
        }
        return refusals;
    }

    private static List<String> alterRefusals(String table, String action, boolean existing) {
        List<String> refusals = new ArrayList<>();
        if (RENAME_TABLE_OR_COLUMN.matcher(action).find()) {
            refusals.add("renames what the previous release reads and writes by its old name; instead add the new"
                    + " table or column, write both and backfill, and drop the old one in a contract migration.");
        } else if (DROP_COLUMN.matcher(action).find()) {
            refusals.add("drops a column the previous release still reads and writes; instead stop using it in this"
                    + " release and drop it in a contract migration (db/contract) once every process runs it.");
        } else if (COLUMN_TYPE.matcher(action).find()) {
            refusals.add("changes a column's type under the previous release, and rewrites " + table + " under a lock;"
                    + " instead add a column of the new type, write both and backfill, and drop the old one in a"
                    + " contract migration.");
        } else if (existing && SET_NOT_NULL.matcher(action).find()) {
            refusals.add("makes the previous release's inserts without the column fail; instead add the column"
                    + " nullable, backfill, then SET NOT NULL in a contract migration.");
        } else if (existing
                && ADD_COLUMN.matcher(action).find()
                && NOT_NULL.matcher(action).find()
                && !DEFAULT.matcher(action).find()
                && !GENERATED.matcher(action).find()) {
            refusals.add("adds a NOT NULL column without a default, which the previous release's inserts do not fill;"
                    + " instead add the column nullable (or with a DEFAULT), backfill, then SET NOT NULL in a contract"
                    + " migration.");
        }
        return refusals;
    }

    /** The comma-separated actions of an ALTER TABLE, commas inside parentheses being part of an action. */
    private static List<String> topLevelParts(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(text.substring(from));
        return parts;
    }

    /**
     * One statement: as shown to the reader (comments gone, whitespace collapsed) and as matched (also lower case,
     * string literals and dollar-quoted bodies emptied, so words inside them are not taken for SQL).
     */
    record Statement(String shown, String matched) {

        static List<Statement> split(String sql) {
            List<Statement> statements = new ArrayList<>();
            StringBuilder shown = new StringBuilder();
            StringBuilder matched = new StringBuilder();
            int i = 0;
            while (i < sql.length()) {
                char c = sql.charAt(i);
                if (sql.startsWith("--", i)) {
                    int end = sql.indexOf('\n', i);
                    i = end < 0 ? sql.length() : end;
                    shown.append(' ');
                    matched.append(' ');
                } else if (sql.startsWith("/*", i)) {
                    int end = sql.indexOf("*/", i + 2);
                    i = end < 0 ? sql.length() : end + 2;
                    shown.append(' ');
                    matched.append(' ');
                } else if (c == '\'') {
                    int end = i + 1;
                    while (end < sql.length() && (sql.charAt(end) != '\'' || sql.startsWith("''", end))) {
                        end += sql.startsWith("''", end) ? 2 : 1;
                    }
                    end = Math.min(end + 1, sql.length());
                    shown.append(sql, i, end);
                    matched.append("''");
                    i = end;
                } else if (c == '$' && dollarTag(sql, i) != null) {
                    String tag = dollarTag(sql, i);
                    int close = sql.indexOf(tag, i + tag.length());
                    int end = close < 0 ? sql.length() : close + tag.length();
                    shown.append(sql, i, end);
                    matched.append("$$");
                    i = end;
                } else if (c == ';') {
                    add(statements, shown, matched);
                    i++;
                } else {
                    shown.append(c);
                    matched.append(Character.toLowerCase(c));
                    i++;
                }
            }
            add(statements, shown, matched);
            return statements;
        }

        private static String dollarTag(String sql, int at) {
            Matcher tag = Pattern.compile("\\$[A-Za-z_]*\\$").matcher(sql).region(at, sql.length());
            return tag.lookingAt() ? tag.group() : null;
        }

        private static void add(List<Statement> statements, StringBuilder shown, StringBuilder matched) {
            String text = collapse(matched.toString());
            if (!text.isEmpty()) {
                statements.add(new Statement(collapse(shown.toString()), text.toLowerCase(Locale.ROOT)));
            }
            shown.setLength(0);
            matched.setLength(0);
        }

        private static String collapse(String text) {
            return text.strip().replaceAll("\\s+", " ");
        }
    }
}
