package dev.ferry.startup;

import java.io.IOException;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * A {@code ferry.*} (or Spring) key whose value does not fit: each key named with where it was set (file and line,
 * or the environment variable) and what it must be, in words rather than Java types. Values are not repeated
 * when the key's name says it holds a secret.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class ConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

    private static final Pattern SECRET = Pattern.compile("(?i).*(secret|token|password|credential|key).*");
    private static final String ACTION = "Correct the keys named above (config/application.yml, or the environment"
            + " variables that set them), then start Ferry again. docs/operations.md, 'Configuration', describes the keys.";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        if (cause.getCause() instanceof BindValidationException validation) {
            return new FailureAnalysis("Ferry's configuration under " + cause.getName() + " does not fit:\n"
                    + String.join("\n", problems(validation.getValidationErrors(), cause.getTarget().getType().resolve())),
                    ACTION, cause);
        }
        ConfigurationProperty property = cause.getProperty();
        String key = property != null ? property.getName().toString() : cause.getName().toString();
        String value = property == null || SECRET.matcher(key).matches() ? "its value" : "'" + property.getValue() + "'";
        String problem = findCause(cause, ConversionException.class) != null
                ? value + " is not " + expected(cause.getTarget().getType().resolve())
                : value + " cannot be used: " + FailureBlockReporter.messageOf(cause.getCause());
        return new FailureAnalysis("Ferry's configuration does not fit:\n" + key + where(property) + ": " + problem,
                ACTION, cause);
    }

    private static List<String> problems(ValidationErrors errors, Class<?> target) {
        List<String> problems = new ArrayList<>();
        for (ObjectError error : errors) {
            // A check on a whole group of keys (a method such as isAppTokenSetForSocketMode) names its keys itself.
            if (error instanceof FieldError field && declares(target, field.getField())) {
                ConfigurationPropertyName name = errors.getName().append(DataObjectPropertyName.toDashedForm(field.getField()));
                problems.add(name + where(bound(errors.getBoundProperties(), name)) + ": " + error.getDefaultMessage());
            } else {
                problems.add(errors.getName() + ": " + error.getDefaultMessage());
            }
        }
        return problems;
    }

    private static boolean declares(Class<?> type, String field) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (Arrays.stream(c.getDeclaredFields()).map(Field::getName).anyMatch(field::equals)) {
                return true;
            }
        }
        return false;
    }

    private static ConfigurationProperty bound(Set<ConfigurationProperty> properties, ConfigurationPropertyName name) {
        return properties.stream().filter(p -> p.getName().equals(name)).findFirst().orElse(null);
    }

    /** " (config/application.yml:44)", " (environment variable FERRY_ENGINE_WORKERS)", " (command line)" or "". */
    static String where(ConfigurationProperty property) {
        Origin origin = property == null ? null : property.getOrigin();
        if (origin == null) {
            return "";
        }
        if (origin instanceof PropertySourceOrigin source && source.getOrigin() != null) {
            origin = source.getOrigin();
        }
        if (origin instanceof TextResourceOrigin text && text.getResource() != null && text.getLocation() != null) {
            return " (" + fileOf(text.getResource()) + ":" + (text.getLocation().getLine() + 1) + ")";
        }
        if (origin instanceof SystemEnvironmentOrigin variable) {
            return " (environment variable " + variable.getProperty() + ")";
        }
        if (origin instanceof PropertySourceOrigin source
                && CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME.equals(source.getPropertySource().getName())) {
            return " (command line)";
        }
        return " (" + origin + ")";
    }

    private static String fileOf(Resource resource) {
        if (resource.isFile()) {
            try {
                return resource.getFile().getPath();
            } catch (IOException e) {
                // described below
            }
        }
        return resource.getDescription();
    }

    /** What a value of this type is, in the words of the documentation. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "of the form the key needs";
        }
        if (Set.of(int.class, Integer.class, long.class, Long.class, short.class, Short.class).contains(type)) {
            return "a whole number";
        }
        if (Set.of(double.class, Double.class, float.class, Float.class).contains(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "a duration such as 30s, 10m or 4h";
        }
        if (type == DataSize.class) {
            return "a size such as 512KB or 10MB";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", "));
        }
        return "of the form the key needs";
    }
}
