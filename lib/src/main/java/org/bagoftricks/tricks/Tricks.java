package org.bagoftricks.tricks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The registry of tricks: each kind by name, in the order recipes list them (the paper's, FP16
 * after the refinements). The command line's {@code --tricks} names, their options, defaults and
 * help come from here, as do the tricks of ablations and budget curves.
 *
 * <pre>{@code
 * List<Trick> t = Tricks.parse("warmup(1),zero-gamma,mixup(0.4)");  // values in brackets, in option order
 * }</pre>
 */
public final class Tricks {
    private Tricks() {}

    /** Every kind, one line each. */
    public static final List<Trick.Kind> ALL = List.of(
            LinearScaling.KIND,
            Warmup.KIND,
            ZeroGamma.KIND,
            NoBiasDecay.KIND,
            Cosine.KIND,
            LabelSmoothing.KIND,
            Distillation.KIND,
            Mixup.KIND,
            Fp16.KIND,
            CutMix.KIND,
            Ema.KIND);

    /** The kind called {@code name} (case-insensitive, '_' for '-'); a clear error lists the names. */
    public static Trick.Kind kind(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Trick.Kind k : ALL) {
            if (k.name().equals(n)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown trick '" + name.trim() + "': choose from " + names());
    }

    /** The position of a trick's kind in the registry (unregistered tricks after every registered one). */
    static int order(Trick t) {
        for (int i = 0; i < ALL.size(); i++) {
            if (ALL.get(i).name().equals(t.name())) {
                return i;
            }
        }
        return ALL.size();
    }

    /** Every name, in the registry's order, e.g. "linear-scaling, warmup, ...". */
    public static String names() {
        return ALL.stream().map(Trick.Kind::name).collect(Collectors.joining(", "));
    }

    /** Tricks by name with the paper's values, e.g. "warmup,zero-gamma,cosine"; see {@link #parse(String, Map)}. */
    public static List<Trick> parse(String list) {
        return parse(list, Map.of());
    }

    /**
     * Tricks by name, comma-separated, each with the values of {@code options} (by option name,
     * e.g. "--warmup-epochs") or the paper's. A name may carry its values in brackets, in the order
     * of its kind's options: "warmup(1)", "mixup(0.4, 2)" (alpha, then epochs without mixup at the end).
     */
    public static List<Trick> parse(String list, Map<String, ?> options) {
        List<Trick> out = new ArrayList<>();
        for (String item : split(list)) {
            String name = item;
            Map<String, Object> values = new LinkedHashMap<>(options);
            int open = item.indexOf('(');
            Trick.Kind kind;
            if (open >= 0) {
                if (!item.endsWith(")")) {
                    throw new IllegalArgumentException("'" + item + "': values go in brackets, e.g. warmup(1)");
                }
                name = item.substring(0, open);
                kind = kind(name);
                String[] args = item.substring(open + 1, item.length() - 1).split(",");
                if (args.length > kind.options().size() || args[0].isBlank()) {
                    throw new IllegalArgumentException("'" + item + "': " + kind.name() + " takes "
                            + (kind.options().isEmpty() ? "no values" : "at most " + kind.options().size() + " value(s): "
                            + kind.options().stream().map(Trick.Option::name).collect(Collectors.joining(", "))));
                }
                for (int i = 0; i < args.length; i++) {
                    values.put(kind.options().get(i).name(), args[i].trim());
                }
            } else {
                kind = kind(name);
            }
            Trick t = kind.with(values);
            if (out.stream().anyMatch(x -> x.name().equals(t.name()))) {
                throw new IllegalArgumentException("'" + t.name() + "' is named twice: name each trick once");
            }
            out.add(t);
        }
        return out;
    }

    /** Splits at commas outside brackets; blank items are skipped. */
    private static List<String> split(String list) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : list.toCharArray()) {
            if (c == ',' && depth == 0) {
                items.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            cur.append(c);
        }
        items.add(cur.toString());
        return items.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
