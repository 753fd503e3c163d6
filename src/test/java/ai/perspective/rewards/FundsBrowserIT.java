package ai.perspective.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.perspective.chain.EthereumAddress;
import ai.perspective.chain.support.ChainTestKit;
import ai.perspective.chain.web3j.Web3jChain;
import ai.perspective.support.BrowserHub;
import ai.perspective.support.Hub;
import ai.perspective.support.HubClient;
import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * The Deposits & withdrawals page as a user sees it, against the hub's own dev chain: open it from
 * the side menu, link a fresh wallet by pasting a signature that ethers made with the wallet's key,
 * read where to deposit, be refused a withdrawal above the balance (readable, nothing changes) and
 * follow a valid one until the page shows it in the wallet, which the chain confirms.
 */
class FundsBrowserIT extends BrowserHub {

    static final Duration PATIENCE = Duration.ofSeconds(120);
    static final BigInteger POV = BigInteger.TEN.pow(18);

    @Test
    void aUserLinksAWalletAndWithdrawsToItFromTheFundsPage() throws Exception {
        HubClient api = new HubClient(base.toURI());
        JsonObject chain = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("api/chain/status", null).json(), s -> s.getString("state").equals("CONNECTED"));
        String email = Hub.uniqueEmail("funds-ui");
        api.signUp(email, "Fiona Funds", Hub.PASSWORD);
        api.login(email, Hub.PASSWORD);
        BigInteger start = available(api);
        assertThat(start).as("the sign-up grant").isEqualTo(POV.multiply(BigInteger.valueOf(100)));
        // a wallet nobody has used: re-runs against the same database never meet an earlier link
        ECKeyPair pair = Keys.createEcKeyPair();
        String walletKey = Numeric.toHexStringWithPrefixZeroPadded(pair.getPrivateKey(), 64);
        String wallet = "0x" + Keys.getAddress(pair);

        logIn(email, Hub.PASSWORD);
        visible(By.cssSelector("vaadin-side-nav-item[path='funds']")).click();
        wait.until(ExpectedConditions.urlContains("funds"));

        // link: ask for the message, sign it with the wallet (ethers), paste the signature
        type(visible(By.cssSelector("#wallet-address input")), wallet);
        visible(By.id("get-challenge")).click();
        WebElement messageArea = visible(By.id("challenge-message"));
        wait.until(d -> !String.valueOf(messageArea.getDomProperty("value")).isBlank());
        String message = messageArea.getDomProperty("value");
        assertThat(message).containsIgnoringCase(wallet);
        type(visible(By.cssSelector("#wallet-signature input")), ChainTestKit.ethersSign(walletKey, message));
        visible(By.id("link-wallet")).click();
        wait.until(d -> d.findElement(By.id("linked-wallets")).getText().contains(wallet));
        assertThat(api.get("api/chain/wallets", null).anyJson().asJsonArray()).singleElement()
                .satisfies(w -> assertThat(w.asJsonObject().getString("address")).isEqualTo(wallet));

        // where to deposit: the hub's address, the token, from the wallet just linked
        WebElement instructions = visible(By.id("deposit-instructions"));
        wait.until(d -> instructions.getText().contains(wallet));
        assertThat(instructions.getText()).contains(chain.getString("hubAddress"), chain.getString("tokenAddress"),
                "confirmations");

        // more than the balance: a readable refusal at the amount, nothing withdrawn
        assertThat(visible(By.id("available-balance")).getText()).contains("100 POV");
        wait.until(d -> wallet.equals(d.findElement(By.cssSelector("#withdraw-to input")).getDomProperty("value")));
        WebElement amount = visible(By.id("withdraw-amount"));
        type(visible(By.cssSelector("#withdraw-amount input")), "101");
        visible(By.id("withdraw")).click();
        wait.until(d -> Boolean.parseBoolean(amount.getDomProperty("invalid")));
        assertThat(amount.getDomProperty("errorMessage")).contains("100 POV available", "101 POV", "Nothing was withdrawn");
        assertThat(available(api)).as("no ledger change").isEqualTo(start);
        assertThat(api.get("api/ledger/transfers?code=WITHDRAWAL", null).json().getJsonNumber("total").longValue()).isZero();

        // a valid one: shown at once, and the page follows it by itself until it is in the wallet
        type(visible(By.cssSelector("#withdraw-amount input")), "2.5");
        visible(By.id("withdraw")).click();
        WebElement withdrawals = visible(By.id("withdrawals"));
        wait.until(d -> withdrawals.getText().contains("2.5"));
        assertThat(withdrawals.getText()).containsAnyOf("on its way", "in your wallet").contains(wallet);
        assertThat(Boolean.parseBoolean(amount.getDomProperty("invalid"))).as("the earlier error is gone").isFalse();
        BigInteger withdrawn = POV.multiply(BigInteger.valueOf(5)).divide(BigInteger.TWO);
        assertThat(available(api)).isEqualTo(start.subtract(withdrawn));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", withdrawals);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> browser.findElement(By.id("withdrawals")).getText().contains("in your wallet"));
        JsonObject done = api.get("api/ledger/withdrawals", null).anyJson().asJsonArray().getJsonObject(0);
        assertThat(done.getString("state")).isEqualTo("COMPLETED");
        assertThat(browser.findElement(By.id("withdrawals")).getText()).contains(done.getString("transactionHash"));
        assertThat(visible(By.id("available-balance")).getText()).contains("97.5 POV");
        try (Web3jChain node = Web3jChain.connect(chain.getString("rpcUrl"), walletKey)) {
            assertThat(node.tokenBalance(EthereumAddress.parse("token", chain.getString("tokenAddress")),
                    EthereumAddress.parse("wallet", wallet))).as("the POV reached the wallet").isEqualTo(withdrawn);
        }
    }

    /**
     * The "Sign with browser wallet" button, against an EIP-1193 provider the test puts in the page
     * (headless Chromium has no wallet): without one, a readable error; with one, the page asks it
     * for the account and a personal_sign of the challenge, and links the wallet with the answer.
     * The provider hands the request to the test, which signs it with the wallet's key (ethers).
     */
    @Test
    void aUserLinksAWalletWithTheBrowserWallet() throws Exception {
        HubClient api = new HubClient(base.toURI());
        String email = Hub.uniqueEmail("funds-wallet");
        api.signUp(email, "Walter Wallet", Hub.PASSWORD);
        api.login(email, Hub.PASSWORD);
        ECKeyPair pair = Keys.createEcKeyPair();
        String walletKey = Numeric.toHexStringWithPrefixZeroPadded(pair.getPrivateKey(), 64);
        String wallet = "0x" + Keys.getAddress(pair);
        String walletAsTheProviderSpellsIt = "0x" + wallet.substring(2).toUpperCase(Locale.ROOT);

        logIn(email, Hub.PASSWORD);
        browser.get(base + "funds");
        type(visible(By.cssSelector("#wallet-address input")), wallet);
        visible(By.id("get-challenge")).click();
        WebElement messageArea = visible(By.id("challenge-message"));
        wait.until(d -> !String.valueOf(messageArea.getDomProperty("value")).isBlank());
        String message = messageArea.getDomProperty("value");

        visible(By.id("sign-in-browser")).click();
        wait.until(d -> d.findElements(By.tagName("vaadin-notification-card")).stream()
                .anyMatch(card -> card.getText().contains("No browser wallet found")));

        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript("""
                const wallet = arguments[0];
                window.walletAsked = null;
                window.walletAnswer = null;
                window.ethereum = {
                  request: async ({method, params}) => {
                    if (method === 'eth_requestAccounts') return [wallet];
                    if (method !== 'personal_sign') throw new Error('unexpected ' + method);
                    window.walletAsked = params;
                    while (window.walletAnswer === null) await new Promise(resolve => setTimeout(resolve, 50));
                    return window.walletAnswer;
                  }
                };""", walletAsTheProviderSpellsIt);
        visible(By.id("sign-in-browser")).click();
        wait.until(d -> page.executeScript("return window.walletAsked") != null);
        @SuppressWarnings("unchecked")
        List<Object> asked = (List<Object>) page.executeScript("return window.walletAsked");
        assertThat(asked).containsExactly(message, walletAsTheProviderSpellsIt);
        page.executeScript("window.walletAnswer = arguments[0]", ChainTestKit.ethersSign(walletKey, message));

        wait.until(d -> d.findElement(By.id("linked-wallets")).getText().contains(wallet));
        assertThat(api.get("api/chain/wallets", null).anyJson().asJsonArray()).singleElement()
                .satisfies(w -> assertThat(w.asJsonObject().getString("address")).isEqualTo(wallet));
    }

    private static BigInteger available(HubClient api) {
        return new BigInteger(api.get("api/ledger/wallet", null).json().getJsonObject("spendable").getString("available"));
    }
}
