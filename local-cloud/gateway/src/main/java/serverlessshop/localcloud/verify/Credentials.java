package serverlessshop.localcloud.verify;

import serverlessshop.localcloud.verify.Tokens.Token;

/**
 * The run's tokens: a customer's and an administrator's, each with why it is missing when it is
 * (then the checks that need it are skipped, saying so).
 */
record Credentials(Token customer, String noCustomer, Token admin, String noAdmin) {

    Token customer(CheckRun.Probe probe) {
        if (customer == null) {
            probe.skip("no customer token: " + noCustomer);
        }
        return customer;
    }

    Token admin(CheckRun.Probe probe) {
        if (admin == null) {
            probe.skip("no administrator token: " + noAdmin);
        }
        return admin;
    }
}
