package dev.mooring.control;

/** What every ARN shares, whichever service made it: {@code arn:aws:<service>:<region>:<account>:<resource>}. */
public final class Arn {
    private Arn() {}

    public static String region(String arn) {
        return arn.split(":", 6)[3];
    }
}
