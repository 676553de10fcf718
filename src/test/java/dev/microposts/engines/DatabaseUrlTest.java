package dev.microposts.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void readsTheUsualPostgresUrlForm() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://micro:s%40cret@db.internal:6432/microposts?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6432/microposts?sslmode=require");
        assertThat(url.username()).isEqualTo("micro");
        assertThat(url.password()).isEqualTo("s@cret");
        assertThat(url.safeForLogs()).doesNotContain("s@cret", "s%40cret");
        assertThat(DatabaseUrl.parse("postgres://u:Zm9v+YmFy%2Fw==@db/x").password())
                .as("a '+' in a generated password is a plus, not a space")
                .isEqualTo("Zm9v+YmFy/w==");
    }

    @Test
    void defaultsThePortAndTakesJdbcUrlsAsTheyAre() {
        assertThat(DatabaseUrl.parse("postgresql://db/microposts").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db:5432/microposts");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://db:5433/x?user=a&password=b")
                        .jdbcUrl())
                .isEqualTo("jdbc:postgresql://db:5433/x?user=a&password=b");
        assertThat(DatabaseUrl.redact("jdbc:postgresql://db:5433/x?user=a&password=b"))
                .doesNotContain("password=b");
    }

    @Test
    void refusesWhatIsNotAPostgresUrl() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:pw@db/x"))
                .hasMessageContaining("DATABASE_URL")
                .hasMessageNotContaining("pw");
    }

    @Test
    void brokerUrlsKeepCredentialsOutOfTheAddress() {
        BrokerUrl url = BrokerUrl.parse("tcp://app:p%3Ass@broker:61616?reconnectAttempts=-1");

        assertThat(url.url()).isEqualTo("tcp://broker:61616?reconnectAttempts=-1");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("p:ss");
        assertThat(BrokerUrl.parse("tcp://app:a+b%2Fc@broker:61616").password()).isEqualTo("a+b/c");
        assertThat(BrokerUrl.parse("(tcp://a:61616,tcp://b:61616)?ha=true").url())
                .isEqualTo("(tcp://a:61616,tcp://b:61616)?ha=true");
    }

    @Test
    @DisplayName("Broker credentials written in the query or inside a failover list never reach the start-up line")
    void brokerCredentialsInEveryFormAreRedactedForLogs() {
        assertThat(BrokerUrl.parse("tcp://broker:61616?user=app&password=hunter2&reconnectAttempts=-1")
                        .safeForLogs())
                .isEqualTo("tcp://broker:61616?user=***&password=***&reconnectAttempts=-1");
        assertThat(BrokerUrl.parse("(tcp://app:hunter2@a:61616,tcp://app:hunter2@b:61616)?ha=true&password=hunter2")
                        .safeForLogs())
                .doesNotContain("hunter2", "app:")
                .contains("tcp://a:61616", "tcp://b:61616", "ha=true");
        assertThat(BrokerUrl.parse("tcp://a:61616?sslEnabled=true&trustStorePassword=hunter2;keyStorePassword=hunter2")
                        .safeForLogs())
                .doesNotContain("hunter2")
                .contains("sslEnabled=true");
        assertThat(BrokerUrl.parse("tcp://app:hunter2@broker:61616").safeForLogs())
                .isEqualTo("tcp://broker:61616");
    }
}
