//! 绩效评价得分表 (DOMAIN §1.5): 一级 items with the scheme's weights.

use leptos::prelude::*;

use super::{CellInput, Ctx, TotalBar, YearInput};
use crate::core::field::{EvalColumn, Field, Header};
use crate::core::model::Form;
use crate::core::scheme::Scheme;
use crate::core::scoring::fmt_num;

#[component]
pub fn EvaluationSheet() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let items = move || {
        ctx.form.with(|f| match f {
            Form::Evaluation(e) => e.items.len(),
            _ => 0,
        })
    };
    let scheme = move || ctx.form.with(|f| Scheme::of(f).name.clone());
    view! {
        <TotalBar total_testid="eval-total-bar" printed_grade=true/>
        <h2 class="sheet-title">"绩效评价得分表"</h2>
        <p class="hint" data-testid="eval-scheme">"评分方案：" {scheme}</p>
        <table class="form-table">
            <tr><th>"项目名称"</th><td colspan="3"><CellInput field=Field::Header(Header::Name) testid="field-project-name"/></td></tr>
            <tr><th>"评价金额（万元）"</th><td><CellInput field=Field::Header(Header::Budget) class="num"/></td><th>"评价年度"</th><td><YearInput/></td></tr>
        </table>
        <table class="form-table evaluation">
            <thead><tr><th>"序号"</th><th>"评价内容（一级指标）"</th><th>"分值"</th><th>"得分"</th></tr></thead>
            <tbody>
                <For each=move || 0..items() key=|i| *i let:i>
                    <tr data-testid="eval-item">
                        <td>{i + 1}</td>
                        <td><CellInput field=Field::EvalItem(i, EvalColumn::Name)/></td>
                        <td><CellInput field=Field::EvalItem(i, EvalColumn::Weight) class="num"/></td>
                        <td><CellInput field=Field::EvalItem(i, EvalColumn::Score) class="num" testid="eval-score"/></td>
                    </tr>
                </For>
                <tr class="total">
                    <th colspan="2">"合计"</th>
                    <td class="computed">{move || ctx.view.with(|v| fmt_num(v.weight_sum))}</td>
                    <td class="computed">
                        <output data-testid="eval-total" data-field="total" tabindex="-1" title=move || ctx.view.with(|v| v.total_explanation.clone())>
                            {move || ctx.view.with(|v| v.total_text.clone())}
                        </output>
                    </td>
                </tr>
                <tr class="total">
                    <th colspan="3">"评价等级"</th>
                    <td class="computed">{move || ctx.view.with(|v| v.grade_text.clone())}</td>
                </tr>
            </tbody>
        </table>
    }
}
