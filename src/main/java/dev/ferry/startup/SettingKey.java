package dev.ferry.startup;

import java.util.Locale;

/** A configuration key as start-up messages name it: with the environment variable that sets it too. */
record SettingKey(String name) {

    /** "spring.datasource.url (SPRING_DATASOURCE_URL)". */
    @Override
    public String toString() {
        return name + " (" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "") + ")";
    }
}
