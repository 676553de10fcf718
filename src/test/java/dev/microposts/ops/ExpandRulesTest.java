package dev.microposts.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One hostile sample per rule, each refused with the file, the statement, the reason and the safe way; and safe ones. */
class ExpandRulesTest {

    private static final String FILE = "V21__sample.sql";

    @Test
    void droppingATableIsRefused() {
        assertThat(ExpandRules.violations(FILE, "DROP TABLE IF EXISTS old_posts;"))
                .singleElement()
                .asString()
                .startsWith(FILE + ": `DROP TABLE IF EXISTS old_posts` drops a table the previous release still reads")
                .contains("drop it in a contract migration");
    }

    @Test
    void droppingAColumnIsRefused() {
        assertThat(ExpandRules.violations(FILE, "alter table posts\n    drop column body;"))
                .singleElement()
                .asString()
                .startsWith(FILE + ": `alter table posts drop column body` drops a column the previous release")
                .contains("drop it in a contract migration");
        assertThat(ExpandRules.violations(FILE, "ALTER TABLE posts ADD COLUMN text2 text, DROP body"))
                .singleElement()
                .asString()
                .contains("drops a column");
    }

    @Test
    void renamingATableOrAColumnIsRefused() {
        assertThat(ExpandRules.violations(FILE, "ALTER TABLE posts RENAME COLUMN body TO text;"))
                .singleElement()
                .asString()
                .startsWith(FILE + ": `ALTER TABLE posts RENAME COLUMN body TO text` renames what the previous release")
                .contains("add the new table or column, write both and backfill");
        assertThat(ExpandRules.violations(FILE, "alter table posts rename to statuses;"))
                .singleElement()
                .asString()
                .contains("renames what the previous release reads");
    }

    @Test
    void changingAColumnTypeIsRefused() {
        assertThat(ExpandRules.violations(FILE, "ALTER TABLE posts ALTER COLUMN body TYPE varchar(500);"))
                .singleElement()
                .asString()
                .startsWith(FILE + ": `ALTER TABLE posts ALTER COLUMN body TYPE varchar(500)` changes a column's type")
                .contains("add a column of the new type");
        assertThat(ExpandRules.violations(FILE, "alter table posts alter body set data type text"))
                .hasSize(1);
    }

    @Test
    void settingNotNullOnAnExistingTableIsRefused() {
        assertThat(ExpandRules.violations(FILE, "ALTER TABLE posts ALTER COLUMN language SET NOT NULL;"))
                .singleElement()
                .asString()
                .startsWith(FILE + ": `ALTER TABLE posts ALTER COLUMN language SET NOT NULL` makes the previous")
                .contains("add the column nullable, backfill, then SET NOT NULL in a contract migration");
    }

    @Test
    void addingANotNullColumnWithoutADefaultToAnExistingTableIsRefused() {
        assertThat(ExpandRules.violations(FILE, "alter table posts add column language text not null;"))
                .singleElement()
                .asString()
                .startsWith(FILE + ": `alter table posts add column language text not null` adds a NOT NULL column")
                .contains("add the column nullable (or with a DEFAULT), backfill, then SET NOT NULL in a contract");
    }

    @Test
    void indexingAnExistingTableWithoutConcurrentlyIsRefused() {
        assertThat(ExpandRules.violations(FILE, "CREATE UNIQUE INDEX posts_by_author ON posts (author_id, id);"))
                .singleElement()
                .asString()
                .startsWith(FILE + ": `CREATE UNIQUE INDEX posts_by_author ON posts (author_id, id)` locks writes to"
                        + " posts")
                .contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS, alone in a migration of its own");
    }

    @Test
    void everyRefusedStatementOfAMigrationIsReported() {
        assertThat(ExpandRules.violations(FILE, """
                        -- two at once
                        ALTER TABLE posts DROP COLUMN body;
                        /* and a second */ create index posts_language on posts (language);
                        """)).hasSize(2);
    }

    @Test
    void whatTheRunningReleaseSurvivesPasses() {
        String safe = """
                -- A drop table in a comment, and DROP COLUMN body in /* a block comment; */ stay comments.
                create table bookmarks (
                    account_id bigint not null references accounts (id),
                    post_id bigint not null,
                    created_at timestamptz not null default now()
                );
                create index bookmarks_by_post on bookmarks (post_id);
                alter table bookmarks alter column post_id set not null, add column note text not null;
                alter table posts add column language text;
                ALTER TABLE posts ADD COLUMN edited boolean NOT NULL DEFAULT false;
                alter table posts add column words int generated always as (length(body)) stored not null;
                alter table posts alter column language set default 'en';
                alter table posts add constraint language_known check (language is not null) not valid;
                create index concurrently if not exists posts_by_language on posts (language);
                insert into settings (name, value) values ('note', 'drop table posts; rename column');
                create function touch() returns trigger language plpgsql as $$
                begin
                    execute 'drop table scratch';
                    return new;
                end $$;
                """;

        assertThat(ExpandRules.violations(FILE, safe)).isEmpty();
    }

    @Test
    void statementsAreSplitOutsideLiteralsAndBodies() {
        List<ExpandRules.Statement> statements =
                ExpandRules.Statement.split("select ';' ; create function f() returns int as $body$ select 1; $body$;");

        assertThat(statements)
                .extracting(ExpandRules.Statement::shown)
                .containsExactly("select ';'", "create function f() returns int as $body$ select 1; $body$");
    }
}
