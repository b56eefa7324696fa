package dev.ferry.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Quartz cron expression in words, for the shapes people schedule: "every day at 02:00", "Mon-Fri at
 * 06:30", "every 15 minutes". Anything else is shown as written; the next fire times beside it say the rest.
 */
public final class CronWords {

    private static final Pattern NUMBER = Pattern.compile("\\d{1,2}");
    private static final Pattern NUMBERS = Pattern.compile("\\d{1,2}(,\\d{1,2})*");
    private static final Pattern STEP = Pattern.compile("(?:\\*|0)/(\\d{1,2})");
    private static final Pattern DAYS = Pattern.compile("[A-Za-z0-9]+([-,][A-Za-z0-9]+)*");
    private static final List<String> DAY_NAMES = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final Map<String, String> DAY_WORDS = Map.of("SUN", "Sunday", "MON", "Monday", "TUE", "Tuesday",
            "WED", "Wednesday", "THU", "Thursday", "FRI", "Friday", "SAT", "Saturday");

    private CronWords() {
    }

    public static String describe(String cron) {
        String[] f = cron.trim().split("\\s+");
        if (f.length < 6 || f.length > 7) {
            return asWritten(cron);
        }
        String second = f[0];
        String minute = f[1];
        String hour = f[2];
        String dayOfMonth = f[3];
        String month = f[4];
        String dayOfWeek = f[5].toUpperCase(Locale.ROOT);
        String year = f.length == 7 ? f[6] : "*";
        boolean anyDay = isAny(dayOfMonth) && isAny(dayOfWeek) && month.equals("*");
        String inYear = year.equals("*") ? "" : NUMBERS.matcher(year).matches() || year.matches("\\d{4}")
                ? " in " + year : null;
        if (inYear == null) {
            return asWritten(cron);
        }
        if (anyDay && minute.equals("*") && hour.equals("*")) {
            if (second.equals("*")) {
                return "every second" + inYear;
            }
            Matcher step = STEP.matcher(second);
            if (step.matches()) {
                return "every " + step.group(1) + " seconds" + inYear;
            }
        }
        if (!second.equals("0")) {
            return atTimes(second, minute, hour, dayOfMonth, month, dayOfWeek, true, cron, inYear);
        }
        if (anyDay && hour.equals("*")) {
            Matcher step = STEP.matcher(minute);
            if (step.matches()) {
                return "every " + step.group(1) + " minutes" + inYear;
            }
            if (minute.equals("*")) {
                return "every minute" + inYear;
            }
            if (NUMBER.matcher(minute).matches()) {
                return "every hour at minute " + Integer.parseInt(minute) + inYear;
            }
        }
        return atTimes(second, minute, hour, dayOfMonth, month, dayOfWeek, false, cron, inYear);
    }

    private static String atTimes(String second, String minute, String hour, String dayOfMonth, String month,
                                  String dayOfWeek, boolean withSeconds, String cron, String inYear) {
        if (!NUMBER.matcher(second).matches() || !NUMBER.matcher(minute).matches()
                || !NUMBERS.matcher(hour).matches()) {
            return asWritten(cron);
        }
        List<String> times = new ArrayList<>();
        for (String h : hour.split(",")) {
            times.add(String.format(Locale.ROOT, withSeconds ? "%02d:%02d:%02d" : "%02d:%02d", Integer.parseInt(h),
                    Integer.parseInt(minute), Integer.parseInt(second)));
        }
        String at = " at " + String.join(" and ", times);
        String days;
        if (isAny(dayOfMonth) && isAny(dayOfWeek) && month.equals("*")) {
            days = "every day";
        } else if (NUMBER.matcher(dayOfMonth).matches() && isAny(dayOfWeek) && month.equals("*")) {
            days = "on day " + Integer.parseInt(dayOfMonth) + " of every month";
        } else if (isAny(dayOfMonth) && month.equals("*") && DAYS.matcher(dayOfWeek).matches()) {
            days = weekDays(dayOfWeek);
            if (days == null) {
                return asWritten(cron);
            }
        } else if (NUMBER.matcher(dayOfMonth).matches() && isAny(dayOfWeek) && NUMBER.matcher(month).matches()) {
            days = "on " + dayOfMonth + "." + month + ".";
        } else {
            return asWritten(cron);
        }
        return days + at + inYear;
    }

    /** "MON-FRI" → "Monday to Friday", "SAT,SUN" → "on Saturday and Sunday", "1" → "every Sunday". */
    private static String weekDays(String field) {
        if (field.contains("-") && !field.contains(",")) {
            String[] range = field.split("-");
            String from = dayWord(range[0]);
            String to = range.length == 2 ? dayWord(range[1]) : null;
            return from == null || to == null ? null : from + " to " + to;
        }
        List<String> names = new ArrayList<>();
        for (String day : field.split(",")) {
            String word = dayWord(day);
            if (word == null) {
                return null;
            }
            names.add(word);
        }
        return names.size() == 1 ? "every " + names.get(0) : "on " + String.join(" and ", names);
    }

    private static String dayWord(String day) {
        if (NUMBER.matcher(day).matches()) {
            int number = Integer.parseInt(day);
            return number >= 1 && number <= 7 ? DAY_WORDS.get(DAY_NAMES.get(number - 1)) : null;
        }
        return DAY_WORDS.get(day);
    }

    private static boolean isAny(String field) {
        return field.equals("*") || field.equals("?");
    }

    private static String asWritten(String cron) {
        return "cron " + cron.trim();
    }
}
