package ai.perspective.chain.application;

import ai.perspective.chain.EthereumAddress;
import ai.perspective.chain.WalletLinked;
import ai.perspective.chain.Wallets;
import ai.perspective.chain.domain.WalletChallenge;
import ai.perspective.chain.domain.WalletRecords;
import ai.perspective.identity.AccountId;
import ai.perspective.shared.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Links wallets by EIP-191 signatures of one-time challenges; a failed attempt changes nothing. */
@ApplicationScoped
@Transactional
public class WalletService implements Wallets {

    static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    WalletRecords records;
    @Inject
    SignatureVerifier signatures;
    @Inject
    Event<WalletLinked> walletLinked;

    Clock clock = Clock.systemUTC();

    @Override
    public Challenge challenge(AccountId owner, String address) {
        EthereumAddress wallet = EthereumAddress.parse("address", address);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(CHALLENGE_LIFETIME);
        String id = random(16);
        String message = WalletChallenge.message("Perspective hub", owner, wallet, random(16), expires);
        records.addChallenge(new WalletChallenge(id, owner, wallet, message, now, expires, null));
        return new Challenge(id, wallet, message, expires);
    }

    @Override
    public LinkedWallet link(AccountId owner, String challengeId, String signature) {
        if (challengeId == null || challengeId.isBlank()) {
            throw HubException.invalid("challengeId", "missing-field", "Give the id of the challenge you signed.");
        }
        if (signature == null || signature.isBlank()) {
            throw HubException.invalid("signature", "missing-field", "Give the signature of the challenge (personal_sign).");
        }
        WalletChallenge challenge = records.challenge(challengeId.strip())
                .filter(c -> c.owner().equals(owner))
                .orElseThrow(() -> HubException.invalid("challengeId", "unknown-challenge",
                        "There is no challenge " + challengeId + " for you: ask for a new one."));
        Instant now = clock.instant();
        if (challenge.used()) {
            throw challengeUsed();
        }
        if (challenge.expired(now)) {
            throw HubException.invalid("challengeId", "challenge-expired", "This challenge expired: ask for a new one.");
        }
        EthereumAddress signer = signatures.signerOf(challenge.message(), signature)
                .orElseThrow(() -> HubException.invalid("signature", "invalid-signature",
                        "The signature is not a 65-byte hex signature (0x + 130 hex digits) of the challenge."));
        if (!signer.equals(challenge.address())) {
            throw HubException.invalid("signature", "wrong-signature", "The challenge was not signed by "
                    + challenge.address() + ": sign the exact message with that wallet (personal_sign).");
        }
        Optional<LinkedWallet> existing = records.link(challenge.address());
        if (existing.isPresent() && !existing.get().owner().equals(owner)) {
            throw HubException.conflict("address", "wallet-linked-elsewhere",
                    challenge.address() + " is linked to another account; it must be unlinked there first.");
        }
        if (!records.useChallenge(challenge.id(), now)) {
            throw challengeUsed();
        }
        if (existing.isPresent()) {
            return existing.get();
        }
        LinkedWallet link = new LinkedWallet(challenge.address(), owner, now);
        records.addLink(link);
        walletLinked.fire(new WalletLinked(owner, link.address(), link.linkedAt()));
        return link;
    }

    @Override
    public List<LinkedWallet> wallets(AccountId owner) {
        return records.linksOf(owner);
    }

    @Override
    public Optional<AccountId> ownerOf(EthereumAddress address) {
        return records.link(address).map(LinkedWallet::owner);
    }

    @Override
    public void unlink(AccountId owner, String address) {
        EthereumAddress wallet = EthereumAddress.parse("address", address);
        if (!records.removeLink(owner, wallet)) {
            throw HubException.notFound("wallet-not-found", "You have no linked wallet " + wallet + ".");
        }
    }

    private static HubException challengeUsed() {
        return HubException.invalid("challengeId", "challenge-used", "This challenge was used already: ask for a new one.");
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
