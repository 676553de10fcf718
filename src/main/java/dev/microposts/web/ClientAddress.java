package dev.microposts.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The key a per-address limit counts a client under. An IPv4 address is one client; an IPv6 host is usually
 * given a whole /64, so one host could rotate through billions of addresses, and its key is the /64.
 */
public final class ClientAddress {

    // why: only literals are parsed; anything else (a name) must never trigger a DNS lookup
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(%.+)?");

    private ClientAddress() {}

    /** The limit key of an address as the servlet request reports it ({@code getRemoteAddr}). */
    public static String limitKey(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        String literal = address.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        if (!LITERAL.matcher(literal).matches()) {
            return literal;
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return literal;
        }
        if (bytes.length == 4) {
            // why: an IPv4 address written as IPv4-mapped IPv6 is the same client either way
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)))
                    .append(':');
        }
        return prefix.append(":/64").toString();
    }
}
