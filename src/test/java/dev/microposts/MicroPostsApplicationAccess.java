package dev.microposts;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.io.StringReader;

/** Lets tests in other packages run an admin command the way {@code main} does. */
public final class MicroPostsApplicationAccess {

    private MicroPostsApplicationAccess() {}

    public static int runAdminCommand(String[] args, String stdin, PrintStream out) {
        return MicroPostsApplication.runAdminCommand(args, new BufferedReader(new StringReader(stdin)), out);
    }
}
