package org.dgm4j;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The run profile, read from the {@code DGM4J_PROFILE} environment variable (or the
 * {@code dgm4j.profile} system property, which wins): {@code smoke} for CI (tiny subsets, seconds),
 * {@code quick} (the default: minutes on a laptop CPU) and {@code full} (the papers' settings).
 * Notebooks and the library pick epochs, subset sizes and sample counts with {@link #pick}.
 */
public enum Profile {
    SMOKE, QUICK, FULL;

    /** Environment variable that selects the profile. */
    public static final String ENV = "DGM4J_PROFILE";
    /** System property that selects the profile (takes precedence over the environment). */
    public static final String PROPERTY = "dgm4j.profile";

    /** The profile in force; {@link #QUICK} when nothing is set. */
    public static Profile current() {
        String value = System.getProperty(PROPERTY);
        String source = "system property " + PROPERTY;
        if (value == null || value.isBlank()) {
            value = System.getenv(ENV);
            source = "environment variable " + ENV;
        }
        if (value == null || value.isBlank()) {
            return QUICK;
        }
        return parse(value, source);
    }

    /** Parses a profile name (case-insensitive). */
    public static Profile parse(String value, String source) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String names = Arrays.stream(values()).map(Profile::id).collect(Collectors.joining(", "));
            throw new IllegalArgumentException("Unknown run profile '" + value + "' in " + source
                    + ". Use one of: " + names + " (e.g. export " + ENV + "=quick).", e);
        }
    }

    /** The lower-case name used in the environment, file names and checkpoint keys. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value for this profile among the three given. */
    public <T> T pick(T smoke, T quick, T full) {
        switch (this) {
            case SMOKE:
                return smoke;
            case FULL:
                return full;
            default:
                return quick;
        }
    }

    /** {@link #pick} as an int. */
    public int pick(int smoke, int quick, int full) {
        return pick(Integer.valueOf(smoke), Integer.valueOf(quick), Integer.valueOf(full));
    }
}
