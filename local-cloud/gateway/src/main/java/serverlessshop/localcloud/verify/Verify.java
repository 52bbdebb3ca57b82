package serverlessshop.localcloud.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import serverlessshop.localcloud.contract.ContractCheck;
import serverlessshop.localcloud.verify.Tokens.Token;

/**
 * {@code make verify [URL=...] [WRITE=1]}: black-box smoke and contract checks of a running
 * deployment, the local cloud or an AWS stage, as a client of the API sees it. Prints one line per
 * check, then {@code N passed, N failed, N skipped}; exits 1 when any check failed.
 *
 * <p>Arguments: {@code [--url URL] [--write] [--spec-dir DIR]}; environment: {@code TOKEN_CMD} and
 * {@code ADMIN_TOKEN_CMD}, shell commands that print a customer's and an administrator's access token
 * (without them, a deployment with the local issuers gives its own; otherwise what needs them is
 * skipped). An administrator's token is one of the administrators' user pool, which requires TOTP MFA:
 * ADMIN_TOKEN_CMD exchanges the refresh token of an administrator's session (signed in once, with the
 * code) at that pool, or prints a token the operator got by signing in. Every administrator's call goes
 * to the administrators' API, {@code URL/admin}.
 */
public final class Verify {

    /** What to verify, and how. */
    public record Options(URI url, boolean write, Path specDir, String tokenCommand, String adminTokenCommand) {

        static final String USAGE =
                "usage: Verify [--url URL] [--write] [--spec-dir DIR]" + " (environment: TOKEN_CMD, ADMIN_TOKEN_CMD:"
                        + " an administrator's access token of the administrators' pool, whose sign-in asks for a TOTP"
                        + " code: e.g. from an administrator's refresh token)";

        public static Options parse(String[] args, Map<String, String> environment) {
            String url = "http://localhost:" + environment.getOrDefault("SHOP_PORT", "8080");
            boolean write = false;
            Path specDir = Path.of("api-spec");
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--url" -> url = value(args, ++i);
                    case "--write" -> write = true;
                    case "--spec-dir" -> specDir = Path.of(value(args, ++i));
                    default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; " + USAGE);
                }
            }
            URI uri;
            try {
                uri = URI.create(url.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("URL is not a URL: " + url);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                throw new IllegalArgumentException(
                        "URL must be the deployment's http(s) address, e.g. http://localhost:8080"
                                + " or https://<id>.cloudfront.net, not " + url);
            }
            if (!Files.isDirectory(specDir)) {
                throw new IllegalArgumentException("no contracts at " + specDir.toAbsolutePath() + " (--spec-dir)");
            }
            return new Options(uri, write, specDir, environment.get("TOKEN_CMD"), environment.get("ADMIN_TOKEN_CMD"));
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value; " + USAGE);
            }
            return args[i];
        }
    }

    /** What a run found: each check's result, and the counts of the closing line. */
    public record Report(List<CheckRun.Result> results, long passed, long failed, long skipped) {

        public String closingLine() {
            return passed + " passed, " + failed + " failed, " + skipped + " skipped";
        }
    }

    private Verify() {}

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("make verify: " + e.getMessage());
            System.exit(2);
            return;
        }
        Report report = run(options, System.out);
        System.exit(report.failed() > 0 ? 1 : 0);
    }

    public static Report run(Options options, PrintStream out) {
        ContractCheck contracts = ContractCheck.load(options.specDir());
        Deployment deployment = new Deployment(options.url(), contracts);
        Tokens tokens = Tokens.at(deployment.base());
        out.println("Verifying " + deployment.base() + " against " + String.join(", ", contracts.contractNames())
                + (options.write()
                        ? " (WRITE=1: makes and removes a product, an order, a category and a picture of its own)"
                        : " (read-only)"));
        out.println("  tokens: customer from " + tokens.describe(options.tokenCommand(), "TOKEN_CMD", false)
                + "; administrator from " + tokens.describe(options.adminTokenCommand(), "ADMIN_TOKEN_CMD", true)
                + " (an administrator's calls go to " + deployment.base() + Deployment.ADMIN_PREFIX + ")");

        CheckRun run = new CheckRun(deployment, out);
        Token[] customer = new Token[1];
        Token[] admin = new Token[1];
        String noCustomer = token(
                run,
                "a customer token",
                tokens,
                options.tokenCommand(),
                "TOKEN_CMD",
                "verify-customer",
                false,
                customer);
        String noAdmin = token(
                run,
                "an administrator token",
                tokens,
                options.adminTokenCommand(),
                "ADMIN_TOKEN_CMD",
                "verify-admin",
                true,
                admin);
        Credentials credentials = new Credentials(customer[0], noCustomer, admin[0], noAdmin);

        new ReadChecks(run, credentials).run();
        if (options.write()) {
            new WriteChecks(run, credentials).run();
            new CatalogChecks(run, credentials, deployment.base()).run();
        } else {
            run.skip("a purchase on data of its own", "read-only run (WRITE=1 runs it)");
        }

        Report report = new Report(
                run.results(),
                run.count(CheckRun.Outcome.PASS),
                run.count(CheckRun.Outcome.FAIL),
                run.count(CheckRun.Outcome.SKIP));
        out.println(report.closingLine());
        return report;
    }

    /** Gets one token as a check of its own; returns why there is none, or null when there is one. */
    private static String token(
            CheckRun run,
            String name,
            Tokens tokens,
            String command,
            String variable,
            String localUser,
            boolean admin,
            Token[] into) {
        String[] missing = new String[1];
        boolean got = run.check(name, probe -> {
            try {
                into[0] = tokens.get(command, variable, localUser, admin);
                probe.note("subject " + into[0].subject() + ", from " + tokens.describe(command, variable, admin));
            } catch (Tokens.Unavailable e) {
                missing[0] = e.getMessage();
                probe.skip(e.getMessage());
            } catch (IOException e) {
                missing[0] = "getting it failed (above)";
                throw new CheckRun.Failed(e.getMessage(), null);
            }
        });
        return got ? null : missing[0];
    }
}
