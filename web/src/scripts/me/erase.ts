/** 注销账号 on 我的预约 (components/me/EraseAccount.astro): press twice; then the sign-in is gone too. */
import { TOKEN_STORAGE_KEY } from "../../../../shared/roles.ts";
import { meErase } from "../../../../shared/routes.ts";
import { call } from "../../lib/client.ts";
import { $, h } from "../../lib/dom.ts";

export function mountErase(): void {
  $("#erase-section").hidden = false;
  const button = $("#erase-account");
  button.addEventListener("click", async () => {
    if (!button.dataset.armed) {
      button.dataset.armed = "1";
      button.textContent = "确定注销？再按一次";
      return;
    }
    button.setAttribute("disabled", "");
    const res = await call(meErase);
    if (!res.ok) {
      button.removeAttribute("disabled");
      $("#erase-msg").replaceChildren(h("p", { class: "notice err" }, res.error.message));
      return;
    }
    // The account is gone: so is this browser's sign-in.
    localStorage.removeItem(TOKEN_STORAGE_KEY);
    const account = document.getElementById("nav-account");
    if (account instanceof HTMLAnchorElement) {
      account.textContent = "登录";
      account.href = "/login/";
      account.removeAttribute("aria-label");
    }
    // Nothing of hers is left to show: the page says so, and only that.
    $("#content").replaceChildren(
      h(
        "section",
        { id: "erase-section", "aria-labelledby": "erase-h" },
        h("h2", { id: "erase-h" }, "账号已注销"),
        h(
          "p",
          { class: "notice ok", role: "status" },
          "您的个人信息已经删除。谢谢您一直以来的参与，欢迎以后再来。",
        ),
        h("a", { class: "btn", href: "/" }, "回到首页"),
      ),
    );
  });
}
