package org.bagoftricks.tricks;

import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One trick of the paper as an immutable value that owns everything about itself: its settings
 * (with the paper's defaults, in its {@link Kind}), their validation, its label in a recipe's
 * name, its command-line name and options, and the hooks through which it changes training. A
 * {@link Recipe} is base settings plus a list of tricks; the training loop calls the hooks and
 * names no trick.
 *
 * <p>The hooks, each a no-op by default, in the order a run meets them:
 * <ul>
 *   <li>{@link #joining}: the trick as it joins a recipe, each time one is made (distillation's
 *       teacher follows its student);</li>
 *   <li>{@link #check}: refuse a recipe the trick cannot join;</li>
 *   <li>{@link #schedule}: the learning-rate plan (linear scaling, warm-up, cosine);</li>
 *   <li>{@link #decays}: which parameters weight decay applies to (no bias decay);</li>
 *   <li>{@link #precision}: the number format of the step (FP16);</li>
 *   <li>{@link #needs}: runs to train before this one (distillation's teacher);</li>
 *   <li>{@link #start}: the per-run state, a {@link Callback} with the model, the batch and
 *       targets, the loss, each update and evaluation.</li>
 * </ul>
 * A new trick is one file (the trick, its {@link Kind}) and one line in {@link Tricks#ALL}.
 */
public interface Trick {

    /** The name of this kind of trick ("label-smoothing"): the command line's, one per recipe. */
    String name();

    /** How the trick shows in a recipe's name, e.g. "label-smoothing(0.1)". */
    String label();

    /**
     * The trick's settings as results record them, "key=value". The keys of the paper's tricks
     * are part of the results store's key (see {@link Recipe#identity()}): never rename them.
     */
    List<String> settings();

    /** What the trick makes training depend on; the settings unless something else matters too. */
    default List<String> identity() {
        return settings();
    }

    /** This trick as it joins a recipe with {@code base} settings (e.g. a default that follows the base). */
    default Trick joining(Recipe.Base base) {
        return this;
    }

    /** Throws {@link IllegalArgumentException}, saying what to change, if the trick cannot join {@code base}. */
    default void check(Recipe.Base base) {}

    /**
     * This trick in a run of {@code epochs} (a budget, a budget curve): shortened where its own
     * epochs would not fit; null when none of it fits, which drops it.
     */
    default Trick fittedTo(int epochs) {
        return this;
    }

    /** The learning-rate plan with this trick, from the plan without it. */
    default Schedule schedule(Schedule plan, Recipe.Base base) {
        return plan;
    }

    /** Which parameters weight decay applies to, from the rule without this trick. */
    default Predicate<Parameter> decays(Predicate<Parameter> rule) {
        return rule;
    }

    /** The number format of a training step, from the format without this trick. */
    default Precision precision(Precision precision) {
        return precision;
    }

    /** Runs that must be trained before a run with this trick (a distillation teacher). */
    default List<Recipe> needs() {
        return List.of();
    }

    /** The trick's part in one run: a callback with its per-run state, or null when it needs none. */
    default Callback start(Training training) {
        return null;
    }

    /** A trick's kind in the registry: how the command line names it, sets it and explains it. */
    record Kind(String name, String help, List<Option> options, List<String> off, Function<Options, Trick> make) {
        public Kind {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(make, "make");
            options = List.copyOf(options);
            off = List.copyOf(off);
        }

        /** This kind with the paper's values (every option at its default). */
        public Trick paper() {
            return make.apply(new Options(Map.of(), this));
        }

        /** This kind with {@code values} by option name ("--mixup-alpha"), the paper's for the others. */
        public Trick with(Map<String, ?> values) {
            return make.apply(new Options(values, this));
        }
    }

    /**
     * A command-line option of a trick.
     *
     * @param name         e.g. "--mixup-alpha"
     * @param paramLabel   e.g. "A"
     * @param defaultValue the paper's value, or null for none (then the trick derives one)
     * @param help         one line; the default is added to it
     */
    record Option(String name, String paramLabel, String defaultValue, String help) {
        public Option {
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("an option's name starts with --, got " + name);
            }
        }
    }

    /** The values of a kind's options: those given, else the defaults; parsed with clear errors. */
    final class Options {
        private final Map<String, ?> values;
        private final Kind kind;

        Options(Map<String, ?> values, Kind kind) {
            this.values = Map.copyOf(values);
            this.kind = kind;
        }

        /** The value given for {@code name}, else its default; empty when neither. */
        public Optional<String> text(String name) {
            Option o = kind.options().stream().filter(x -> x.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(kind.name() + " has no option " + name));
            Object v = values.get(name);
            return Optional.ofNullable(v != null ? v.toString() : o.defaultValue());
        }

        public double real(String name) {
            String v = text(name).orElseThrow(() -> new IllegalArgumentException(name + " has no value"));
            try {
                return Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " takes a number, got '" + v + "'");
            }
        }

        public int integer(String name) {
            String v = text(name).orElseThrow(() -> new IllegalArgumentException(name + " has no value"));
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " takes a whole number, got '" + v + "'");
            }
        }
    }
}
