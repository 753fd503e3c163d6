package ai.perspective.gateway.ui;

import ai.perspective.catalog.Catalog;
import ai.perspective.gateway.application.Playground;
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
        playground.chat(caller.require(), model.getValue().id(), List.copyOf(conversation), new Playground.Listener() {
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
