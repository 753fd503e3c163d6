package ai.perspective.gateway.ui;

import ai.perspective.catalog.Catalog;
import ai.perspective.gateway.application.Playground;
import ai.perspective.gateway.application.RoutedCalls;
import ai.perspective.shared.HubException;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Locale;
import java.util.stream.Collectors;
import ai.perspective.identity.CurrentAccount;
import ai.perspective.shared.ui.Notifications;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Chat with any published model; the answer appears token by token (server push), metered and
 * charged like an API call. {@code ?model=creator/name} preselects a model.
 */
@Route("playground")
@PageTitle("Playground")
@Menu(order = 20, icon = "vaadin:chat", title = "Playground")
@PermitAll
public class PlaygroundView extends VerticalLayout implements BeforeEnterObserver {

    private final Playground playground;
    private final CurrentAccount caller;
    private final ComboBox<Catalog.ModelCard> model = new ComboBox<>("Model");
    private final Div transcript = new Div();
    private final TextArea prompt = new TextArea();
    private final Button send = new Button("Send");
    private final List<Playground.Message> conversation = new ArrayList<>();

    @Inject
    public PlaygroundView(Playground playground, CurrentAccount caller) {
        this.playground = playground;
        this.caller = caller;
        addClassName("hub-page");
        setHeightFull();

        model.setId("playground-model");
        model.setItemLabelGenerator(m -> m.title() + " · " + m.id());
        model.setWidth("28rem");
        model.setPlaceholder("Choose a model");
        Button clear = new Button("New chat", click -> clear());
        clear.addThemeVariants(ButtonVariant.TERTIARY);
        HorizontalLayout top = new HorizontalLayout(model, clear);
        top.setAlignItems(FlexComponent.Alignment.BASELINE);

        transcript.setId("transcript");
        transcript.addClassName("hub-transcript");
        transcript.setWidthFull();

        prompt.setId("playground-prompt");
        prompt.setPlaceholder("Ask something…");
        prompt.setWidthFull();
        prompt.setMaxLength(20_000);
        send.setId("playground-send");
        send.addThemeVariants(ButtonVariant.PRIMARY);
        send.addClickListener(click -> send());
        send.addClickShortcut(Key.ENTER).listenOn(prompt);
        HorizontalLayout input = new HorizontalLayout(prompt, send);
        input.setWidthFull();
        input.setAlignItems(FlexComponent.Alignment.END);
        input.expand(prompt);

        add(top, transcript, input);
        expand(transcript);
    }

    /** Loads the models on every visit (new ones may have been published) and preselects {@code ?model=}. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<Catalog.ModelCard> models = playground.chatModels();
        model.setItems(models);
        String wanted = event.getLocation().getQueryParameters().getSingleParameter("model").orElse(null);
        models.stream().filter(m -> m.id().toString().equals(wanted)).findFirst()
                .or(() -> models.size() == 1 ? Optional.of(models.getFirst()) : Optional.empty())
                .ifPresent(model::setValue);
    }

    private void send() {
        String text = prompt.getValue().strip();
        if (model.isEmpty()) {
            Notifications.error("Choose a model first.");
            return;
        }
        if (text.isEmpty()) {
            return;
        }
        prompt.clear();
        conversation.add(new Playground.Message("user", text));
        bubble("user", text);
        Span answer = bubble("assistant", "");
        answer.addClassName("hub-streaming");
        send.setEnabled(false);
        UI ui = UI.getCurrent();
        StringBuilder full = new StringBuilder();
        Div bubble = (Div) answer.getParent().orElseThrow();
        playground.chat(caller.require(), model.getValue().id(), List.copyOf(conversation), new Playground.Listener() {
            @Override
            public void routed(RoutedCalls.RoutedAnswer routed) {
                ui.access(() -> showWhy(bubble, routed));
            }

            @Override
            public void token(String token) {
                full.append(token);
                ui.access(() -> answer.setText(full.toString()));
            }

            @Override
            public void finished(UUID requestId) {
                ui.access(() -> {
                    conversation.add(new Playground.Message("assistant", full.toString()));
                    answer.removeClassName("hub-streaming");
                    answer.getElement().setAttribute("data-request-id", requestId.toString());
                    if (Playground.AUTO.equals(model.getValue().id())) {
                        bubble.add(feedback(requestId));
                    }
                    send.setEnabled(true);
                });
            }

            @Override
            public void failed(String message) {
                ui.access(() -> {
                    answer.setText(message);
                    answer.addClassName("hub-error");
                    answer.removeClassName("hub-streaming");
                    send.setEnabled(true);
                    Notifications.error(message);
                });
            }
        });
    }

    /** Which model answers and why: the top candidates with their scores and the router's reasons. */
    private static void showWhy(Div bubble, RoutedCalls.RoutedAnswer routed) {
        bubble.getChildren().filter(c -> c instanceof Paragraph p && p.hasClassName("hub-bubble-who")).findFirst()
                .ifPresent(who -> ((Paragraph) who).setText("Auto → " + (routed.answered() == null ? "no model" : routed.answered())));
        Div why = new Div();
        why.addClassName("hub-route-why");
        why.getElement().setAttribute("data-model", routed.answered() == null ? "" : routed.answered().toString());
        StringBuilder text = new StringBuilder("Why: ");
        text.append(String.join(" ", routed.decision().reasons()));
        text.append(" Candidates: ");
        text.append(routed.decision().candidates().stream().limit(3)
                .map(c -> String.format(Locale.ROOT, "%s %.3f", c.model(), c.score())).collect(Collectors.joining(", ")));
        if (!routed.failed().isEmpty()) {
            text.append(". Failed first: ").append(routed.failed().stream().map(a -> a.model() + " (HTTP " + a.status() + ")")
                    .collect(Collectors.joining(", ")));
        }
        why.setText(text.toString());
        bubble.addComponentAtIndex(1, why);
    }

    /** Thumbs up or down with an optional reason: teaches the router, stored in the user's vault. */
    private HorizontalLayout feedback(UUID requestId) {
        TextField reason = new TextField();
        reason.setPlaceholder("Why? (optional)");
        reason.setMaxLength(500);
        Button up = new Button(VaadinIcon.THUMBS_UP.create());
        Button down = new Button(VaadinIcon.THUMBS_DOWN.create());
        up.setAriaLabel("Helpful");
        up.setTooltipText("Helpful");
        down.setAriaLabel("Not helpful");
        down.setTooltipText("Not helpful");
        Span done = new Span();
        HorizontalLayout row = new HorizontalLayout(up, down, reason, done);
        row.addClassName("hub-feedback");
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        up.addClassName("hub-feedback-up");
        down.addClassName("hub-feedback-down");
        reason.addClassName("hub-feedback-reason");
        done.addClassName("hub-feedback-done");
        for (boolean helpful : new boolean[] {true, false}) {
            (helpful ? up : down).addClickListener(click -> {
                try {
                    playground.rate(caller.require(), requestId, helpful, reason.getValue());
                    up.setEnabled(false);
                    down.setEnabled(false);
                    reason.setReadOnly(true);
                    done.setText(helpful ? "Thanks: rated helpful." : "Thanks: rated not helpful.");
                } catch (HubException e) {
                    Notifications.error(e.getMessage());
                }
            });
        }
        return row;
    }

    private Span bubble(String role, String text) {
        Span content = new Span(text);
        content.addClassName("hub-bubble-text");
        Paragraph who = new Paragraph(role.equals("user") ? "You" : model.getValue().title());
        who.addClassName("hub-bubble-who");
        Div bubble = new Div(who, content);
        bubble.addClassNames("hub-bubble", "hub-bubble-" + role);
        transcript.add(bubble);
        bubble.scrollIntoView();
        return content;
    }

    private void clear() {
        conversation.clear();
        transcript.removeAll();
    }
}
