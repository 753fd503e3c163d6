package ai.perspective.shared.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;

/**
 * The frame around every signed-in view: brand, side navigation built from the views' {@code @Menu}
 * entries (already filtered by the caller's roles) and the user menu. It imports no view.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final H1 pageTitle = new H1();

    @Inject
    public MainLayout(SignedInUser user) {
        setPrimarySection(Section.DRAWER);
        addToDrawer(brand(), new Scroller(navigation()));
        pageTitle.addClassName("hub-page-title");
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), pageTitle, userMenu(user));
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(pageTitle);
        header.addClassName("hub-header");
        addToNavbar(header);
    }

    private static Component brand() {
        Span logo = new Span("◆");
        logo.addClassName("hub-logo");
        Span name = new Span("Perspective");
        name.addClassName("hub-brand-name");
        Div brand = new Div(logo, name);
        brand.addClassName("hub-brand");
        return brand;
    }

    private static SideNav navigation() {
        SideNav nav = new SideNav();
        nav.addClassName("hub-nav");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = new SideNavItem(entry.title(), entry.path());
            if (entry.icon() != null && entry.icon().startsWith("vaadin:")) {
                item.setPrefixComponent(new Icon("vaadin", entry.icon().substring("vaadin:".length())));
            }
            nav.addItem(item);
        }
        return nav;
    }

    private static Component userMenu(SignedInUser user) {
        HorizontalLayout menu = new HorizontalLayout();
        menu.setAlignItems(FlexComponent.Alignment.CENTER);
        menu.addClassName("hub-user");
        user.current().ifPresent(profile -> {
            Avatar avatar = new Avatar(profile.displayName());
            Span name = new Span(profile.displayName());
            name.addClassName("hub-user-name");
            name.getElement().setAttribute("title", profile.email());
            menu.add(avatar, name);
        });
        Button logout = new Button("Log out", new Icon(VaadinIcon.SIGN_OUT),
                click -> UI.getCurrent().getPage().setLocation("auth/logout"));
        logout.addThemeVariants(ButtonVariant.TERTIARY);
        logout.setId("logout");
        menu.add(logout);
        return menu;
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        pageTitle.setText(MenuConfiguration.getPageHeader(getContent()).orElse(""));
    }
}
