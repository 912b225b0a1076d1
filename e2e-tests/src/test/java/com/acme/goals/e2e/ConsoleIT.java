package com.acme.goals.e2e;

import com.acme.goals.contracts.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
    private static final String SALES_REP = "E-043"; // also an identity of the issuer, a SALES_REP in the org chart
    private static final Path SHOTS = Path.of("target", "screenshots");
    private final List<WebDriver> browsers = new ArrayList<>();

    private boolean teamRegistered;
    private String weekGoal;

    /** The issuer's supervisor and employee, in the org chart once for the whole class. */
    private void registerTheIssuersTeam() throws Exception {
        if (teamRegistered) {
            return;
        }
        registerTeam(new Team(SUPERVISOR, EMPLOYEE));
        teamRegistered = true;
    }

    /** This week's goal of the issuer's employee (collect 100,000), set by her supervisor once for the whole class. */
    private String theWeekGoal() throws Exception {
        registerTheIssuersTeam();
        if (weekGoal == null) {
            weekGoal = setWeekGoal(new Team(SUPERVISOR, EMPLOYEE), today.week(0).key());
        }
        return weekGoal;
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
    void an_employee_signs_in_through_the_issuer_and_lands_on_this_week_holding_no_token() throws Exception {
        Today.Week week = today.week(0);
        theWeekGoal();

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
    }

    /**
     * The seed's week, every step through the console: the channel manager writes this week's plan with its schedule
     * (last week's beside it), a payment lands on the open board, she marks a day's action done; her supervisor finds
     * the plan in the inbox, annotates a schedule row, she answers, he marks it reviewed and scores the week after
     * seeing the parts; the month's total shows the week.
     */
    @Test
    void the_seed_week_plan_schedule_annotation_answer_review_score_and_month_total() throws Exception {
        Today.Week week = today.week(0);
        String goalId = theWeekGoal();
        // last week's plan, written and submitted already (so it shows beside this one)
        String employeeToken = token(EMPLOYEE, "EMPLOYEE");
        String before = awaitDraft(employeeToken, EMPLOYEE, ReportFlowIT.TEMPLATE, week.plus(-1).key()).text("reportId");
        assertThat(api.put("/api/reports/" + before, employeeToken, ReportFlowIT.weekFields("50000"), null).status()).isEqualTo(204);
        assertThat(api.post("/api/reports/" + before + "/submit", employeeToken, "").status()).isEqualTo(204);

        WebDriver employee = browser(Size.LAPTOP);
        signIn(employee, EMPLOYEE);
        open(employee, "/week/" + week.key());
        click(employee, "draft-" + ReportFlowIT.TEMPLATE);
        await(employee, "save");
        String reportId = employee.getCurrentUrl().substring(employee.getCurrentUrl().indexOf("/reports/") + 9);
        awaitText(employee, "previous", week.plus(-1).key());
        type(employee, "field-assessment_task", "300000");
        type(employee, "field-agent_contract_task", "400000");
        type(employee, "field-this_week_collection_plan", "60000");
        type(employee, "field-this_week_work_plan", "C-1001 40000, C-1002 25000; train two agents");
        click(employee, "add-MONDAY");
        WebElement monday = employee.findElement(By.cssSelector("[data-test=row-MONDAY-0]"));
        monday.findElement(By.cssSelector("input[data-test=row-title]")).sendKeys("visit the East China agent");
        click(employee, "add-TUESDAY");
        WebElement tuesday = employee.findElement(By.cssSelector("[data-test=row-TUESDAY-0]"));
        new Select(tuesday.findElement(By.cssSelector("[data-test=row-kind]"))).selectByValue("AGENT_TRAINING");
        tuesday.findElement(By.cssSelector("input[data-test=row-title]")).sendKeys("train two agents");
        click(employee, "submit"); // a visit without its customer: refused on the row, before anything is sent
        awaitText(employee, "row-MONDAY-0", "需要填写客户");
        shot(employee, "plan-editor-" + Size.LAPTOP.label);
        monday.findElement(By.cssSelector("input[data-test=row-customer]")).sendKeys("C-1001");
        click(employee, "submit");
        awaitText(employee, "status", "已提交");
        shot(employee, "plan-submitted-" + Size.LAPTOP.label);

        // the week's board: the schedule became the days' actions; a payment arrives without a reload
        open(employee, "/week/" + week.key());
        awaitText(employee, "days", "visit the East China agent");
        String marker = (String) ((JavascriptExecutor) employee).executeScript("window.__noReload = 'seed'; return window.__noReload");
        kafka.publish(Topics.CRM_ACTIVITY, EMPLOYEE, payment("crm-" + UUID.randomUUID(), EMPLOYEE, Today.at(today.date(), "00:05"), "38000.00"));
        new WebDriverWait(employee, Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-test=week-goal] [data-test=actual]"), "38,000.00"));
        assertThat(((JavascriptExecutor) employee).executeScript("return window.__noReload")).isEqualTo(marker);
        employee.findElement(By.cssSelector("[data-test=days] [data-test^=complete-]")).click();
        awaitText(employee, "days", "已完成");
        shot(employee, "board-" + Size.LAPTOP.label);

        // the supervisor: the inbox (phone and laptop), a row annotated
        WebDriver phone = browser(Size.PHONE);
        signIn(phone, SUPERVISOR);
        phone.findElement(By.cssSelector("[data-test=nav-inbox]")).click();
        awaitText(phone, "inbox", week.key());
        shot(phone, "inbox-" + Size.PHONE.label);
        WebDriver supervisor = browser(Size.LAPTOP);
        signIn(supervisor, SUPERVISOR);
        supervisor.findElement(By.cssSelector("[data-test=nav-inbox]")).click();
        awaitText(supervisor, "inbox", week.key());
        shot(supervisor, "inbox-" + Size.LAPTOP.label);
        open(supervisor, "/reports/" + reportId);
        awaitText(supervisor, "status", "已提交");
        assertThat(supervisor.findElement(By.tagName("main")).getText()).contains("train two agents").contains("60000");
        click(supervisor, "annotate-row-0");
        type(supervisor, "note-text", "bring the agent's stock figures to the visit");
        click(supervisor, "annotate");
        awaitText(supervisor, "read-row-0", "stock figures");

        // she answers on her report
        open(employee, "/reports/" + reportId);
        awaitText(employee, "annotation", "stock figures");
        type(employee, "answer-text", "will do, and the negative receivables too");
        click(employee, "answer-send");
        awaitText(employee, "annotation", "negative receivables");
        shot(employee, "report-answered-" + Size.LAPTOP.label);

        // he reads the answer, marks the plan reviewed and scores the week, the parts shown before saving
        supervisor.navigate().refresh();
        awaitText(supervisor, "annotation", "negative receivables");
        click(supervisor, "review");
        awaitText(supervisor, "status", "已审阅");
        shot(supervisor, "review-" + Size.LAPTOP.label);
        supervisor.findElement(By.cssSelector("[data-test=nav-team]")).click();
        type(supervisor, "team-period", week.key());
        click(supervisor, "team-show");
        click(supervisor, "score-week-" + EMPLOYEE);
        await(supervisor, "preview-total");
        type(supervisor, "comment", "a good plan; keep the agent visits");
        // the preview reads the week as it stands: wait until it has the payment (the numeric part) in it
        awaitText(supervisor, "preview", "38");
        String previewed = supervisor.findElement(By.cssSelector("[data-test=preview-total]")).getText();
        shot(supervisor, "score-week-" + Size.LAPTOP.label);
        click(supervisor, "save-score");
        awaitText(supervisor, "scored", previewed);

        // the month's total shows the week, on her scores page
        open(employee, "/scores/" + EMPLOYEE + "/" + week.month());
        awaitText(employee, "month-weeks", week.key());
        awaitText(employee, "week-score-" + week.key(), previewed);
        shot(employee, "my-scores-" + Size.LAPTOP.label);

        // the same pages on a phone
        open(phone, "/reports/" + reportId);
        awaitText(phone, "status", "已审阅");
        shot(phone, "review-" + Size.PHONE.label);
        open(phone, "/score/" + EMPLOYEE + "/" + week.key());
        awaitText(phone, "preview-total", previewed);
        shot(phone, "score-week-" + Size.PHONE.label);
        WebDriver employeePhone = browser(Size.PHONE);
        signIn(employeePhone, EMPLOYEE);
        awaitText(employeePhone, "days", "已完成");
        shot(employeePhone, "board-" + Size.PHONE.label);
        open(employeePhone, "/reports/" + reportId);
        awaitText(employeePhone, "annotation", "negative receivables");
        shot(employeePhone, "report-answered-" + Size.PHONE.label);

        Api.Reply stored = api.get("/api/reports/" + reportId, employeeToken);
        assertThat(stored.body().at("/status").asText()).isEqualTo("REVIEWED");
        assertThat(stored.body().at("/fields/daily_schedule/MONDAY/0/customerId").asText()).isEqualTo("C-1001");
        assertThat(stored.body().at("/annotations/0/author").asText()).isEqualTo(SUPERVISOR);
        assertThat(stored.body().at("/annotations/0/field").asText()).isEqualTo("daily_schedule");
        assertThat(stored.body().at("/annotations/0/row").asInt()).isZero();
        assertThat(stored.body().at("/annotations/0/answers/0/author").asText()).isEqualTo(EMPLOYEE);
        Api.Reply score = api.get("/api/scores/weeks/" + EMPLOYEE + "/" + week.key(), employeeToken);
        assertThat(score.body().at("/latest/total").asText()).isEqualTo(previewed);
        assertThat(score.body().at("/latest/scoredBy").asText()).isEqualTo(SUPERVISOR);
        assertThat(score.body().at("/latest/inputs/actionsCompleted").asInt()).isEqualTo(1);
        Api.Reply month = api.get("/api/scores/months/" + EMPLOYEE + "/" + week.month(), employeeToken);
        assertThat(month.body().at("/latest/weeks").toString()).contains(week.key()).contains(previewed);
        assertThat(api.get("/api/progress/goals/" + goalId, employeeToken).body().toString()).contains("38000");
    }

    /**
     * The screens the other tests do not walk, at both sizes: goals (decomposed, a refusal shown on the field it names,
     * a customer linked), scores, the team dashboard, the admin's forms with the API's refusals on their fields, a page
     * that does not exist, a board the person may not see, and the console in English.
     */
    @Test
    void every_screen_at_both_sizes_with_its_refusals_on_the_field_and_in_english() throws Exception {
        registerTheIssuersTeam();
        String year = String.valueOf(today.date().getYear());
        Api.Reply yearGoal = api.post("/api/goals", token(SUPERVISOR, "SUPERVISOR"), """
                {"ownerId":"%s","periodType":"YEAR","periodKey":"%s","title":"collect in %s",
                 "numericTargets":[{"metric":"payment_collection","target":"3000000","unit":"CNY"}]}""".formatted(EMPLOYEE, year, year));
        assertThat(yearGoal.status()).as(yearGoal.body().toString()).isEqualTo(201);
        String yearGoalId = yearGoal.text("goalId");
        String excused = today.week(3).key(); // leave planned ahead
        // last week: 600 of a 1,000 target, a milestone (50%) that shows among her notices; 900 later (90%)
        Today.Week lastWeek = today.week(-1);
        assertThat(api.post("/api/goals", token(SUPERVISOR, "SUPERVISOR"), """
                {"ownerId":"%s","periodType":"WEEK","periodKey":"%s","title":"a small week",
                 "numericTargets":[{"metric":"payment_collection","target":"1000","unit":"CNY"}]}""".formatted(EMPLOYEE, lastWeek.key()))
                .status()).isEqualTo(201);
        kafka.publish(Topics.CRM_ACTIVITY, EMPLOYEE, payment("crm-" + UUID.randomUUID(), EMPLOYEE,
                lastWeek.at(java.time.DayOfWeek.TUESDAY, "10:15"), "600.00"));

        for (Size size : Size.values()) {
            WebDriver employee = browser(size);
            signIn(employee, EMPLOYEE);
            if (size == Size.LAPTOP) { // the keyboard reaches the screens: Tab from the top of the page
                List<String> reached = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    new org.openqa.selenium.interactions.Actions(employee).sendKeys(Keys.TAB).perform();
                    reached.add(String.valueOf(((JavascriptExecutor) employee).executeScript(
                            "return document.activeElement.getAttribute('data-test')")));
                }
                assertThat(reached).contains("nav-week", "nav-goals", "nav-scores", "language");
            }
            open(employee, "/goals/" + yearGoalId);
            await(employee, "goal-tree");
            // a quarter above the year is refused by goal-service, and the refusal stands on the target's field
            new Select(await(employee, "child-period")).selectByIndex(size.ordinal()); // a quarter each
            type(employee, "child-title", "quarter " + size.label);
            type(employee, "child-target-0", "4000000");
            click(employee, "child-save");
            awaitText(employee, "decompose", "3000000");
            shot(employee, "goals-refused-" + size.label);
            type(employee, "child-target-0", "500000");
            click(employee, "child-save");
            awaitText(employee, "goal-tree", "quarter " + size.label);
            type(employee, "link-customer", "C-10" + size.ordinal());
            click(employee, "link-save");
            awaitText(employee, "links", "C-10" + size.ordinal());
            shot(employee, "goals-" + size.label);
            if (size == Size.PHONE) { // the plan editor on a phone: next week's plan, drafted and left as a draft
                open(employee, "/week/" + today.week(1).key());
                click(employee, "draft-" + ReportFlowIT.TEMPLATE);
                await(employee, "save");
                shot(employee, "plan-editor-" + size.label);
            }
            open(employee, "/scores");
            await(employee, "month");
            shot(employee, "my-scores-" + size.label);
            // the milestone, with the unread count beside the nav link; the open page shows a notice raised after it opened
            // (it reads again every 10 s): the 50% one may come before or after the page opens (6 s after the payment),
            // the 90% one comes after
            open(employee, "/notices");
            new WebDriverWait(employee, Duration.ofSeconds(90)).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.tagName("main"), EMPLOYEE + " passed 50% of payment_collection"));
            if (size == Size.LAPTOP) {
                kafka.publish(Topics.CRM_ACTIVITY, EMPLOYEE, payment("crm-" + UUID.randomUUID(), EMPLOYEE,
                        lastWeek.at(java.time.DayOfWeek.WEDNESDAY, "10:15"), "300.00"));
                new WebDriverWait(employee, Duration.ofSeconds(90)).until(ExpectedConditions.textToBePresentInElementLocated(
                        By.tagName("main"), EMPLOYEE + " passed 90% of payment_collection"));
            }
            shot(employee, "notices-" + size.label);
            if (size == Size.LAPTOP) { // first: the count beside the nav link, then marked read (the phone sees it read)
                await(employee, "unread");
                String mine = token(EMPLOYEE, "EMPLOYEE");
                int unread = api.get("/api/notices?unread=true", mine).body().path("unread").asInt();
                click(employee, "read-MILESTONE");
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                        api.get("/api/notices?unread=true", mine).body().path("unread").asInt() == unread - 1);
            }
            open(employee, "/board/" + SUPERVISOR);
            awaitText(employee, "week", today.week(0).key());
            new WebDriverWait(employee, Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "无权查看"));
            shot(employee, "forbidden-" + size.label);
            open(employee, "/no/such/page");
            await(employee, "not-found");
            shot(employee, "not-found-" + size.label);
            click(employee, "language");
            click(employee, "nav-week");
            awaitText(employee, "plan", "Weekly plan");
            shot(employee, "my-week-en-" + size.label);

            WebDriver supervisor = browser(size);
            signIn(supervisor, SUPERVISOR);
            click(supervisor, "nav-team");
            awaitText(supervisor, "team-table", EMPLOYEE);
            shot(supervisor, "team-" + size.label);
            if (size == Size.LAPTOP) { // a week of leave, excused from the team page
                click(supervisor, "excuse-" + EMPLOYEE);
                new Select(await(supervisor, "excuse-template")).selectByValue(ReportFlowIT.TEMPLATE);
                type(supervisor, "excuse-period", excused);
                type(supervisor, "excuse-reason", "annual leave");
                shot(supervisor, "excuse-" + size.label);
                click(supervisor, "excuse-send");
                new WebDriverWait(supervisor, Duration.ofSeconds(30)).until(ExpectedConditions.invisibilityOfElementLocated(
                        By.cssSelector("[data-test=excuse-send]")));

                // someone else returned the plan while the page was open: the page says so and shows it as it is now
                String employeeToken = token(EMPLOYEE, "EMPLOYEE");
                String plan = awaitDraft(employeeToken, EMPLOYEE, ReportFlowIT.TEMPLATE, today.week(2).key()).text("reportId");
                assertThat(api.put("/api/reports/" + plan, employeeToken, ReportFlowIT.weekFields("70000"), null).status()).isEqualTo(204);
                assertThat(api.post("/api/reports/" + plan + "/submit", employeeToken, "").status()).isEqualTo(204);
                open(supervisor, "/reports/" + plan);
                awaitText(supervisor, "status", "已提交");
                assertThat(api.post("/api/reports/" + plan + "/return", token(SUPERVISOR, "SUPERVISOR"),
                        "{\"reason\":\"returned from another tab\"}").status()).isEqualTo(204);
                click(supervisor, "review");
                awaitText(supervisor, "message", "已被他人修改");
                awaitText(supervisor, "status", "已退回");
                shot(supervisor, "conflict-" + size.label);
                // resubmitted; this time returned from the page, with its reason, which the owner then reads
                assertThat(api.post("/api/reports/" + plan + "/submit", employeeToken, "").status()).isEqualTo(204);
                supervisor.navigate().refresh();
                awaitText(supervisor, "status", "已提交");
                type(supervisor, "return-reason", "split the collection plan by customer");
                click(supervisor, "return");
                awaitText(supervisor, "status", "已退回");
                open(employee, "/reports/" + plan);
                awaitText(employee, "returned", "split the collection plan by customer");
                await(employee, "save"); // editable again
                assertThat(api.get("/api/reports/" + plan, employeeToken).body().at("/returnReason").asText())
                        .isEqualTo("split the collection plan by customer");
            }

            WebDriver admin = browser(size);
            signIn(admin, "ADMIN-1");
            click(admin, "nav-admin");
            type(admin, "hire-employeeId", "not an id!");
            type(admin, "hire-name", "New hire");
            click(admin, "hire");
            awaitText(admin, "register", "letters, digits");
            shot(admin, "admin-org-" + size.label);
            admin.findElement(By.id("tab-templates")).click();
            click(admin, "template-" + ReportFlowIT.TEMPLATE);
            await(admin, "template-editor");
            shot(admin, "admin-templates-" + size.label);
            admin.findElement(By.id("tab-rubric")).click();
            WebElement weight = await(admin, "rubric").findElement(By.cssSelector("[data-test=rubric-numericWeight] input, input[data-test=rubric-numericWeight]"));
            weight.sendKeys(Keys.chord(Keys.CONTROL, "a"), "60", Keys.TAB);
            click(admin, "rubric-save");
            awaitText(admin, "rubric", "must be 100"); // weights adding to 110, refused on the weights
            shot(admin, "admin-rubric-" + size.label);
        }
        // the refused child was never stored; the accepted ones were, under the year goal
        Api.Reply tree = api.get("/api/goals/" + yearGoalId + "/tree", token(EMPLOYEE, "EMPLOYEE"));
        assertThat(tree.body().at("/children").size()).isEqualTo(2);
        assertThat(tree.body().toString()).doesNotContain("4000000");
        Api.Reply links = api.get("/api/crm/links?goalId=" + yearGoalId, token(EMPLOYEE, "EMPLOYEE"));
        assertThat(links.body().at("/links").size()).isEqualTo(2);
        assertThat(api.get("/api/reports/missing?ownerId=" + EMPLOYEE, token(EMPLOYEE, "EMPLOYEE")).body().toString())
                .contains(excused).contains("EXCUSED");
        assertThat(api.get("/api/rubrics/current", token(EMPLOYEE, "EMPLOYEE")).body().at("/numericWeight").asInt()).isEqualTo(50);
    }

    /** Scoring stopped: the cards that read it say so (not "nothing linked"), and mend by themselves when it is back. */
    @Test
    void with_scoring_down_the_goal_page_and_the_rubric_say_they_cannot_be_read_and_show_again_by_themselves() throws Exception {
        String goalId = theWeekGoal();
        String customer = "C-" + UUID.randomUUID().toString().substring(0, 8);
        String me = token(EMPLOYEE, "EMPLOYEE");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> api.post("/api/crm/links", me,
                "{\"goalId\":\"" + goalId + "\",\"customerId\":\"" + customer + "\"}").status() == 201);
        WebDriver employee = browser(Size.LAPTOP);
        signIn(employee, EMPLOYEE);
        WebDriver phone = browser(Size.PHONE);
        signIn(phone, EMPLOYEE);
        WebDriver admin = browser(Size.LAPTOP);
        signIn(admin, "ADMIN-1");

        // the links come from scoring's ledger through crm-link, the progress from scoring: an empty card would say
        // "no customers linked" and "no progress", which is not so
        stack.service("scoring-service").stop();
        try {
            open(employee, "/goals/" + goalId);
            awaitText(employee, "links-failure", "scoring-service"); // crm-link's detail names whom it could not read
            await(employee, "progress-failure");
            assertThat(employee.findElements(By.cssSelector("[data-test=link]"))).isEmpty();
            await(employee, "retrying-in"); // the card says it will read again by itself
            shot(employee, "goal-scoring-down-" + Size.LAPTOP.label);
            open(phone, "/goals/" + goalId);
            ((JavascriptExecutor) phone).executeScript("arguments[0].scrollIntoView()", await(phone, "links-failure"));
            shot(phone, "goal-links-scoring-down-" + Size.PHONE.label);
            open(phone, "/week"); // the week's board is scoring's too
            await(phone, "week-failure");
            await(phone, "retrying-in");
            shot(phone, "week-scoring-down-" + Size.PHONE.label);
            ((JavascriptExecutor) employee).executeScript("arguments[0].scrollIntoView()", await(employee, "links"));
            shot(employee, "goal-links-scoring-down-" + Size.LAPTOP.label);
            // the rubric is scoring's too: its tab says it cannot be read, rather than showing nothing to edit
            click(admin, "nav-admin");
            openTab(admin, "rubric");
            await(admin, "rubric-failure");
            assertThat(admin.findElements(By.cssSelector("[data-test=rubric]"))).isEmpty();
            shot(admin, "admin-rubric-scoring-down-" + Size.LAPTOP.label);
        } finally {
            stack.service("scoring-service").start();
            stack.service("scoring-service").awaitHealthy(Duration.ofMinutes(3));
        }
        // each card waits what the answer asked (Retry-After: the gateway's breaker stays open 10 s after the failures
        // it saw, crm-link asks 5 s) and reads again by itself: no one presses "retry"
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .ignoreException(org.openqa.selenium.StaleElementReferenceException.class).until(() ->
                        employee.findElements(By.cssSelector("[data-test=links-failure]")).isEmpty()
                                && employee.findElements(By.cssSelector("[data-test=progress-failure]")).isEmpty()
                                && !admin.findElements(By.cssSelector("[data-test=rubric-save]")).isEmpty()
                                && !phone.findElements(By.cssSelector("[data-test=plan]")).isEmpty());
        awaitText(employee, "links", customer);
        assertThat(admin.findElements(By.cssSelector("[data-test=rubric-failure]"))).isEmpty();
        assertThat(phone.findElements(By.cssSelector("[data-test=week-failure]"))).isEmpty();
    }

    /** An admin sees how far behind each of scoring's read models is, rebuilds them, and follows the replay to its end. */
    @Test
    void an_admin_follows_scorings_read_models_and_rebuilds_them_from_the_console() throws Exception {
        WebDriver admin = browser(Size.LAPTOP);
        signIn(admin, "ADMIN-1");
        click(admin, "nav-admin");
        openTab(admin, "projections");
        await(admin, "projection-groups");
        // every group scoring reports has its row (the API's own answer, so the test does not re-state the group names)
        List<String> groups = new ArrayList<>();
        api.get("/api/scoring/projections", adminToken()).body().path("groups").forEach(g -> groups.add(g.path("group").asText()));
        assertThat(groups).isNotEmpty();
        for (String group : groups) {
            await(admin, "lag-" + group);
        }
        await(admin, "last-rebuild");
        shot(admin, "admin-projections-" + Size.LAPTOP.label);
        WebDriver phone = browser(Size.PHONE);
        signIn(phone, "ADMIN-1");
        open(phone, "/admin");
        openTab(phone, "projections");
        await(phone, "lag-" + groups.get(0));
        shot(phone, "admin-projections-" + Size.PHONE.label);
        String before = api.get("/api/scoring/projections", adminToken()).body().at("/rebuild/startedAt").asText(""); // other classes rebuild too

        click(admin, "rebuild");
        waitFor(admin, "confirm-rebuild", ExpectedConditions.elementToBeClickable(By.cssSelector(".el-popconfirm .el-button--primary"))).click();
        String started = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/scoring/projections", adminToken()).body().at("/rebuild/startedAt").asText(""), at -> !at.isEmpty() && !at.equals(before));
        // the tab follows the replay by itself, with no one pressing refresh: this rebuild done and every group caught up
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .ignoreException(org.openqa.selenium.StaleElementReferenceException.class).until(() ->
                        !admin.findElements(By.cssSelector("[data-test=caught-up]")).isEmpty()
                                && started.equals(admin.findElement(By.cssSelector("[data-test=last-rebuild]")).getAttribute("data-started"))
                                && admin.findElement(By.cssSelector("[data-test=last-rebuild]")).getText().contains("已完成"));
        assertThat(admin.findElement(By.cssSelector("[data-test=last-rebuild]")).getText()).contains("ADMIN-1");
        shot(admin, "admin-projections-rebuilt-" + Size.LAPTOP.label);
    }

    /**
     * CRM activity of someone not in the org chart is parked, not counted: the admin's tab names them with what waits,
     * and registering them from there makes it count.
     */
    @Test
    void an_admin_sees_crm_activity_waiting_for_an_owner_and_registering_them_makes_it_count() throws Exception {
        registerTheIssuersTeam();
        String newcomer = "E-new-" + UUID.randomUUID().toString().substring(0, 6);
        String paymentId = "crm-" + UUID.randomUUID();
        Today.Week lastWeek = today.week(-1);
        kafka.publish(Topics.CRM_ACTIVITY, newcomer, payment(paymentId, newcomer, lastWeek.at(java.time.DayOfWeek.TUESDAY, "10:15"), "4200.00"));
        String adminToken = adminToken();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                api.get("/api/crm/parked/" + newcomer, adminToken).body().path("total").asInt() == 1);

        WebDriver admin = null;
        for (Size size : List.of(Size.PHONE, Size.LAPTOP)) { // the laptop goes on to register them
            admin = browser(size);
            signIn(admin, "ADMIN-1");
            open(admin, "/admin");
            openTab(admin, "waiting");
            awaitText(admin, "waiting-" + newcomer, "1");
            click(admin, "show-waiting-" + newcomer);
            awaitText(admin, "waiting-records", paymentId);
            shot(admin, "admin-waiting-" + size.label);
        }
        assertThat(admin.findElement(By.cssSelector("[data-test=waiting-records]")).getText())
                .contains("crm.payment.received", "4200.00 CNY");

        click(admin, "register-" + newcomer);
        assertThat(await(admin, "hire-employeeId").getAttribute("value")).as("the register form holds their id").isEqualTo(newcomer);
        type(admin, "hire-name", "New channel manager");
        type(admin, "hire-supervisorId", SUPERVISOR);
        click(admin, "hire");
        // released within seconds: the tab no longer names them, and the payment counts on its own day
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                api.get("/api/crm/parked/" + newcomer, adminToken).body().path("total").asInt() == 0);
        openTab(admin, "waiting");
        waitFor(admin, "waiting-" + newcomer, ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-test='waiting-" + newcomer + "']")));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.get("/api/actuals/" + newcomer + "?periodKey=" + lastWeek.key(), adminToken).body().toString())
                        .contains("payment_collection", "4200.00"));
    }

    /** A sales rep's daily report: drafted from the day on her week, its table of planned visits filled row by row. */
    @Test
    void a_sales_rep_writes_the_days_report_with_its_table_of_visits() throws Exception {
        registerTheIssuersTeam();
        assertThat(api.post("/api/org/employees", adminToken(), """
                {"employeeId":"%s","name":"Sales rep","role":"SALES_REP","supervisorId":"%s","timeZone":"Asia/Shanghai"}"""
                .formatted(SALES_REP, SUPERVISOR)).status()).isEqualTo(201);
        // report-service follows org.events: the supervisor may read her reports once it knows she reports to him
        String supervisorToken = token(SUPERVISOR, "SUPERVISOR");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/reports?ownerId=" + SALES_REP, supervisorToken).status() == 200);
        String monday = today.week(0).day(java.time.DayOfWeek.MONDAY).toString();

        WebDriver rep = browser(Size.LAPTOP);
        signIn(rep, SALES_REP);
        click(rep, "draft-sales-rep-daily-" + monday);
        await(rep, "save");
        String reportId = rep.getCurrentUrl().substring(rep.getCurrentUrl().indexOf("/reports/") + 9);
        click(rep, "add-row-visits_planned");
        click(rep, "add-row-visits_planned");
        WebElement first = rep.findElement(By.cssSelector("[data-test=table-row-0]"));
        first.findElement(By.cssSelector("input[data-test=cell-customerId]")).sendKeys("C-2001");
        first.findElement(By.cssSelector("input[data-test=cell-kind]")).sendKeys("visit");
        first.findElement(By.cssSelector("input[data-test=cell-purpose]")).sendKeys("renewal of the service contract");
        WebElement second = rep.findElement(By.cssSelector("[data-test=table-row-1]"));
        second.findElement(By.cssSelector("input[data-test=cell-customerId]")).sendKeys("C-2002");
        second.findElement(By.cssSelector("input[data-test=cell-kind]")).sendKeys("call");
        shot(rep, "day-report-editor-" + Size.LAPTOP.label);
        click(rep, "submit");
        awaitText(rep, "status", "已提交");
        assertThat(rep.findElement(By.tagName("main")).getText()).contains("C-2001").contains("renewal of the service contract");

        Api.Reply stored = api.get("/api/reports/" + reportId, supervisorToken);
        assertThat(stored.body().at("/periodKey").asText()).isEqualTo(monday);
        assertThat(stored.body().at("/fields/visits_planned/0/customerId").asText()).isEqualTo("C-2001");
        assertThat(stored.body().at("/fields/visits_planned/1/kind").asText()).isEqualTo("call");
        assertThat(stored.body().at("/fields/visits_planned/1/purpose").isMissingNode()).as("an empty cell is not sent").isTrue();
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

    private void open(WebDriver browser, String route) {
        browser.get(stack.gatewayUrl() + "/#" + route);
    }

    /** The element whose {@code data-test} is {@code test}; quoted, as an id may hold dots (a consumer group's). */
    private static WebElement await(WebDriver browser, String test) {
        return waitFor(browser, test, ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test='" + test + "']")));
    }

    private static void awaitText(WebDriver browser, String test, String text) {
        waitFor(browser, test, ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test='" + test + "']"), text));
    }

    /** Opens an admin tab as a person would: on a phone the tab bar scrolls, so its arrow is pressed until the tab shows. */
    private static void openTab(WebDriver browser, String name) {
        By tab = By.id("tab-" + name);
        waitFor(browser, "tab-" + name, ExpectedConditions.presenceOfElementLocated(tab));
        for (int press = 0; press < 6 && !browser.findElement(tab).isDisplayed(); press++) {
            browser.findElement(By.cssSelector(".el-tabs__nav-next")).click();
            try {
                new WebDriverWait(browser, Duration.ofSeconds(1)).until(ExpectedConditions.visibilityOfElementLocated(tab));
            } catch (org.openqa.selenium.TimeoutException notYet) {
                // not in view yet: press again
            }
        }
        waitFor(browser, "tab-" + name, ExpectedConditions.elementToBeClickable(tab)).click();
    }

    private static void click(WebDriver browser, String test) {
        waitFor(browser, test, ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test='" + test + "']"))).click();
    }

    /** Waits up to 30 s; when the page never gets there, keeps what it showed and what it logged, for the report. */
    private static <T> T waitFor(WebDriver browser, String test, org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(30)).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            try {
                shot(browser, "failed-at-" + test);
                browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
                        .forEach(entry -> System.err.println("browser console: " + entry));
            } catch (Exception ignored) {
                // the timeout is the failure that matters
            }
            throw e;
        }
    }

    /** Types into an input or text area (Element Plus puts the attribute on the element itself). */
    private static void type(WebDriver browser, String test, String text) {
        WebElement input = new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("input[data-test=" + test + "], textarea[data-test=" + test + "]")));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
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
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
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
