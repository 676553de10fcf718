package dev.microposts.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    @DisplayName("A host rotating through the addresses of its IPv6 /64 is counted as one client")
    void anIpv6HostIsKeyedByItsSlash64() {
        assertThat(ClientAddress.limitKey("2001:db8:1:2::1"))
                .isEqualTo(ClientAddress.limitKey("2001:db8:1:2:ffff:ee:dd:cc"))
                .isEqualTo(ClientAddress.limitKey("[2001:0db8:0001:0002:0000:0000:0000:0042]"))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.limitKey("2001:db8:1:3::1"))
                .as("the next /64 is another client")
                .isNotEqualTo(ClientAddress.limitKey("2001:db8:1:2::1"));
        assertThat(ClientAddress.limitKey("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
    }

    @Test
    @DisplayName("IPv4 clients are keyed by the whole address, however it is written")
    void ipv4IsKeyedByTheAddress() {
        assertThat(ClientAddress.limitKey("198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(ClientAddress.limitKey("::ffff:198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(ClientAddress.limitKey("198.51.100.8")).isNotEqualTo("198.51.100.7");
        assertThat(ClientAddress.limitKey("not-an-address")).isEqualTo("not-an-address");
    }
}
