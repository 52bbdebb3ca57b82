package serverlessshop.bench;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import serverlessshop.localcloud.issuer.IssuerClient;

/**
 * A crowd of distinct signed-in shoppers, one token each. A sale is many customers buying at once,
 * not one customer buying from 32 browsers: each customer has counters of their own in the orders
 * table (orders started per window, open units per product) that every order of theirs updates.
 * Each client of a load is one of them ({@link LoadPlan#clientHeaders}), so concurrent orders are
 * different customers' orders, as in a sale.
 */
final class Buyers {

    private final List<String> authorizations;

    private Buyers(List<String> authorizations) {
        this.authorizations = List.copyOf(authorizations);
    }

    /** Signs in {@code count} customers named {@code prefix-1} ... on the stack's issuer, as the site does. */
    static Buyers signIn(LocalCloudProcess stack, String prefix, int count) throws IOException, InterruptedException {
        IssuerClient issuer = IssuerClient.shoppers(URI.create(stack.baseUrl()));
        List<String> authorizations = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            authorizations.add("Bearer " + issuer.signIn(prefix + "-" + i));
        }
        return new Buyers(authorizations);
    }

    int count() {
        return authorizations.size();
    }

    /** The first {@code clients} buyers, one per client of a load: their Authorization headers. */
    List<Map<String, String>> perClient(int clients) {
        if (clients > authorizations.size()) {
            throw new IllegalArgumentException(clients + " clients, but only " + authorizations.size() + " buyers");
        }
        return authorizations.subList(0, clients).stream()
                .map(authorization -> Map.of("Authorization", authorization))
                .toList();
    }
}
