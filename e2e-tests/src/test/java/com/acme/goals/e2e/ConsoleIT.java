package com.acme.goals.e2e;

import com.acme.goals.contracts.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console as a person meets it, in Debian's Chromium: sign in through the stack's OpenID Connect issuer (the
 * production path: authorization code with PKCE, the gateway as the client), land on "my week" with the week goal's
 * progress, and see a payment the CRM publishes to Kafka arrive on the page without a reload. The browser holds a
 * session cookie only. Screenshots of each page at a laptop's and a phone's size go to target/screenshots/.
 */
class ConsoleIT extends StackTest {

    private static final String EMPLOYEE = "E-042"; // a dev identity of the issuer (deploy/dev-issuer)
    private static final String SUPERVISOR = "S-001";
    private static final Path SHOTS = Path.of("target", "screenshots");
    private final List<WebDriver> browsers = new ArrayList<>();

    private boolean teamRegistered;

    /** The issuer's supervisor and employee, in the org chart once for the whole class. */
    private void registerTheIssuersTeam() throws Exception {
        if (teamRegistered) {
            return;
        }
        registerTeam(new Team(SUPERVISOR, EMPLOYEE));
        teamRegistered = true;
    }

    private void signIn(WebDriver browser, String who) {
        browser.get(stack.gatewayUrl() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
        browser.findElement(By.name("username")).sendKeys(who);
        browser.findElement(By.name("password")).sendKeys("dev");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test=who]"), who));
    }

    @Test
    void an_employee_signs_in_and_watches_a_payment_arrive_on_their_week() throws Exception {
        registerTheIssuersTeam();
        Today.Week week = today.week(0);
        String goalId = setWeekGoal(new Team(SUPERVISOR, EMPLOYEE), week.key());

        for (Size size : Size.values()) {
            WebDriver browser = browser(size);
            browser.get(stack.gatewayUrl() + "/");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
            assertThat(browser.getCurrentUrl()).as("the sign-in page is the issuer's").startsWith(stack.issuerUrl());
            shot(browser, "sign-in-" + size.label);
            signIn(browser, EMPLOYEE);
            assertThat(browser.getCurrentUrl()).startsWith(stack.gatewayUrl());
            // "this week" by the stack's clock in the person's zone (Asia/Shanghai), once the org chart has said it
            wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-test=week]"), week.key()));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test=week-goal]"),
                    "collect in " + week.key()));
            shot(browser, "my-week-" + size.label);

            // the browser keeps no token: not in storage, not in a readable cookie, never in the address
            JavascriptExecutor page = (JavascriptExecutor) browser;
            assertThat(page.executeScript("return localStorage.length + sessionStorage.length")).isEqualTo(0L);
            assertThat((String) page.executeScript("return document.cookie")).doesNotContain("eyJ");
            assertThat(browser.getCurrentUrl()).doesNotContain("token").doesNotContain("code=");
        }

        // a payment published by the CRM shows on the open page, without a reload
        WebDriver browser = browsers.get(0);
        String marker = (String) ((JavascriptExecutor) browser).executeScript("window.__noReload = 'still here'; return window.__noReload");
        kafka.publish(Topics.CRM_ACTIVITY, EMPLOYEE, payment("crm-" + UUID.randomUUID(), EMPLOYEE,
                week.at(TUESDAY, "10:15"), "25000.00"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-test=week-goal] [data-test=actual]"), "25,000.00"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__noReload")).isEqualTo(marker);
        assertThat(browser.findElement(By.cssSelector("[data-test=records]")).getText()).contains("回款");
        shot(browser, "my-week-with-payment-" + Size.LAPTOP.label);
        assertThat(api.get("/api/progress/goals/" + goalId, token(EMPLOYEE, "EMPLOYEE")).body().toString()).contains("25000");
    }

    @Test
    void the_supervisor_finds_the_submitted_plan_in_the_inbox_annotates_it_and_marks_it_reviewed() throws Exception {
        registerTheIssuersTeam();
        String employee = token(EMPLOYEE, "EMPLOYEE");
        String reportId = awaitDraft(employee, EMPLOYEE, ReportFlowIT.TEMPLATE, today.week(1).key()).text("reportId");
        assertThat(api.put("/api/reports/" + reportId, employee, ReportFlowIT.weekFields("60000"), null).status()).isEqualTo(204);
        assertThat(api.post("/api/reports/" + reportId + "/submit", employee, "").status()).isEqualTo(204);

        for (Size size : List.of(Size.PHONE, Size.LAPTOP)) { // the phone only looks: the laptop reviews
            WebDriver browser = browser(size);
            signIn(browser, SUPERVISOR);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.findElement(By.cssSelector("[data-test=nav-inbox]")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test=open-" + EMPLOYEE + "]")));
            shot(browser, "inbox-" + size.label);
            if (size == Size.PHONE) {
                continue;
            }
            browser.findElement(By.cssSelector("[data-test=open-" + EMPLOYEE + "]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test=status]"), "已提交"));
            assertThat(browser.findElement(By.tagName("main")).getText()).contains("train two agents").contains("60000");
            browser.findElement(By.cssSelector("[data-test=note-text] textarea, textarea[data-test=note-text]")).sendKeys("60,000 is below last month's pace: add two agent visits");
            browser.findElement(By.cssSelector("[data-test=annotate]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test=annotation]"), "add two agent visits"));
            browser.findElement(By.cssSelector("[data-test=review]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test=status]"), "已审阅"));
            shot(browser, "review-" + size.label);
        }
        Api.Reply stored = api.get("/api/reports/" + reportId, employee);
        assertThat(stored.body().at("/status").asText()).isEqualTo("REVIEWED");
        assertThat(stored.body().at("/annotations/0/author").asText()).isEqualTo(SUPERVISOR);
        assertThat(stored.body().at("/annotations/0/text").asText()).contains("add two agent visits");
    }

    @Test
    void a_signed_in_page_changes_nothing_without_the_csrf_token_and_a_stranger_is_refused() throws Exception {
        WebDriver browser = browser(Size.LAPTOP);
        signIn(browser, "ADMIN-1");
        JavascriptExecutor page = (JavascriptExecutor) browser;
        String call = """
                const done = arguments[arguments.length - 1];
                const token = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
                const headers = {'Content-Type': 'application/json'};
                if (arguments[0] && token) headers['X-XSRF-TOKEN'] = decodeURIComponent(token.substring(11));
                fetch('/api/org/employees', {method: 'POST', headers, credentials: 'same-origin', body: '{}'})
                  .then(r => done(r.status));""";
        // the session alone (what a forged cross-site form would carry) is refused
        assertThat(page.executeAsyncScript(call, false)).isEqualTo(403L);
        // with the token the request reaches goal-service as ADMIN-1, whose validation answers
        assertThat(page.executeAsyncScript(call, true)).isEqualTo(400L);

        // an anonymous caller gets 401 from the API and a sign-in redirect for pages
        Api.Reply anonymous = api.get("/api/boards/weeks/" + EMPLOYEE + "/" + today.week(0).key(), null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(api.get("/", null).raw().statusCode()).isEqualTo(302);
    }

    private enum Size {
        LAPTOP("laptop", 1440, 900), PHONE("phone", 390, 844);

        final String label;
        final int width;
        final int height;

        Size(String label, int width, int height) {
            this.label = label;
            this.width = width;
            this.height = height;
        }
    }

    private WebDriver browser(Size size) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // this machine's network is closed: without these Chromium keeps trying Google's hosts
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=zh-CN", "--window-size=" + size.width + "," + size.height);
        if (size == Size.PHONE) { // a window is at least 500 wide: a phone's screen is emulated instead
            options.setExperimentalOption("mobileEmulation", java.util.Map.of("deviceMetrics",
                    java.util.Map.of("width", size.width, "height", size.height, "pixelRatio", 1.0)));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        WebDriver browser = new ChromeDriver(service, options);
        browsers.add(browser);
        if (size == Size.PHONE) {
            return browser;
        }
        browser.manage().window().setSize(new Dimension(size.width, size.height));
        // the page itself gets the size (a window's frame would take some of it)
        Object[] frame = ((List<?>) ((JavascriptExecutor) browser).executeScript(
                "return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]")).toArray();
        browser.manage().window().setSize(new Dimension(size.width + ((Number) frame[0]).intValue(),
                size.height + ((Number) frame[1]).intValue()));
        return browser;
    }

    private static void shot(WebDriver browser, String name) throws Exception {
        Files.createDirectories(SHOTS);
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @AfterAll
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }
}
