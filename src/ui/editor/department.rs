//! 部门整体绩效自评表 (Hubei layout, DOMAIN §1.3).

use leptos::prelude::*;

use super::{add_row, CellInput, Ctx, RowTools, TotalBar, YearInput};
use crate::core::edit::{self, Table};
use crate::core::field::{DeptGoalColumn, Field, FundColumn, Header, IndicatorColumn, RowRef};
use crate::core::model::{Form, FundKind, Level2};

/// The 二级 a department goal's rows can have: 产出 and 效益 (满意度 sits
/// inside 效益 on this form).
const LEVEL2: [Level2; 7] = [
    Level2::Quantity,
    Level2::Quality,
    Level2::Timeliness,
    Level2::Cost,
    Level2::Economic,
    Level2::Social,
    Level2::Satisfaction,
];

fn goals(ctx: &Ctx) -> usize {
    ctx.form.with(|f| match f {
        Form::Department(d) => d.goals.len(),
        _ => 0,
    })
}

#[component]
pub fn DepartmentSheet() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let year = move || ctx.form.with(|f| f.year().map(|y| y.to_string()).unwrap_or_default());
    let add_goal = move |_| {
        let mut at = None;
        ctx.form.update(|f| {
            if let Form::Department(d) = f {
                at = Some(edit::add_department_goal(d));
            }
        });
        if let Some(g) = at {
            super::focus_later(Field::DeptGoal(g, DeptGoalColumn::Text));
        }
    };
    let printed = move || {
        (!ctx.auto.get()).then(|| {
            view! {
                <tr class="printed">
                    <th>"表中填写"</th>
                    <td></td>
                    <td></td>
                    <td>"执行率 " <CellInput field=Field::FundRate class="short"/></td>
                    <td>"得分 " <CellInput field=Field::FundScore class="short"/></td>
                </tr>
            }
        })
    };
    view! {
        <TotalBar total_testid="total-score"/>
        <h2 class="sheet-title">{move || format!("{}年度部门整体支出绩效自评表", year())}</h2>
        <table class="form-table">
            <tr><th>"单位名称"</th><td colspan="3"><CellInput field=Field::Header(Header::Unit) testid="dept-unit"/></td><th>"评价年度"</th><td><YearInput/></td></tr>
            <tr>
                <th>"基本支出总额（万元）"</th><td><CellInput field=Field::Header(Header::BasicSpending) class="num"/></td>
                <th>"项目支出总额（万元）"</th><td><CellInput field=Field::Header(Header::ProjectSpending) class="num"/></td>
                <td colspan="2"></td>
            </tr>
        </table>
        <table class="form-table funds">
            <thead><tr><th>"预算执行情况（万元）（20分）"</th><th>"预算数"</th><th>"执行数"</th><th>"执行率"</th><th>"得分（20分×执行率）"</th></tr></thead>
            <tbody>
                <tr>
                    <th>"部门整体支出总额"</th>
                    <td><CellInput field=Field::Fund(FundKind::Total, FundColumn::Annual) class="num" testid="dept-budget-annual"/></td>
                    <td><CellInput field=Field::Fund(FundKind::Total, FundColumn::Spent) class="num" testid="dept-budget-spent"/></td>
                    <td class="computed">
                        <output data-testid="dept-exec-rate" data-field="funds.rate" tabindex="-1" title=move || ctx.view.with(|v| v.rate_explanation.clone())>
                            {move || ctx.view.with(|v| v.rate_text.clone())}
                        </output>
                    </td>
                    <td class="computed">
                        <output data-testid="dept-exec-score" data-field="funds.score" tabindex="-1" title=move || ctx.view.with(|v| v.budget_score_explanation.clone())>
                            {move || ctx.view.with(|v| v.budget_score_text.clone())}
                        </output>
                    </td>
                </tr>
                {printed}
            </tbody>
        </table>
        <p class="explain" data-testid="exec-explanation">
            {move || ctx.view.with(|v| v.rate_explanation.clone())}
            {move || ctx.view.with(|v| (!v.budget_score_explanation.is_empty()).then(|| format!("；预算执行得分 {}", v.budget_score_explanation)))}
        </p>
        <For each=move || 0..goals(&ctx) key=|g| *g let:g>
            <Goal goal=g/>
        </For>
        <div class="add-rows">
            <super::RemoveBlankRows/>
            <button type="button" data-testid="add-dept-goal" on:click=add_goal>"添加年度目标"</button>
        </div>
        <table class="form-table">
            <tr><th>"偏差大或目标未完成原因分析"</th><td><CellInput field=Field::Header(Header::DeviationAnalysis) multiline=true/></td></tr>
            <tr><th>"改进措施及结果应用方案"</th><td><CellInput field=Field::Header(Header::Improvement) multiline=true/></td></tr>
        </table>
    }
}

/// One 年度目标: its text and weights, then its indicator rows.
#[component]
fn Goal(goal: usize) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let table = Table::Goal(goal);
    let rows = move || {
        ctx.form.with(|f| match f {
            Form::Department(d) => d.goals.get(goal).map_or(0, |g| g.indicators.len()),
            _ => 0,
        })
    };
    let remove_goal = move |_| {
        let named = ctx.form.with(|f| match f {
            Form::Department(d) => d.goals.get(goal).is_some_and(|g| !g.text.is_empty() || g.indicators.iter().any(|i| !i.is_template_blank())),
            _ => false,
        });
        if named && !crate::browser::confirm(&format!("删除年度目标{}及其全部指标？", goal + 1)) {
            return;
        }
        ctx.form.update(|f| {
            if let Form::Department(d) = f {
                if goal < d.goals.len() {
                    d.goals.remove(goal);
                }
            }
        });
    };
    let cell = move |row: usize, col: IndicatorColumn| Field::Indicator(RowRef { goal: Some(goal), row }, col);
    view! {
        <table class="form-table indicators dept-goal" data-testid="dept-goal">
            <thead>
                <tr>
                    <th>{format!("年度目标{}", goal + 1)}</th>
                    <td colspan="3"><CellInput field=Field::DeptGoal(goal, DeptGoalColumn::Text) multiline=true placeholder="年度目标内容"/></td>
                    <th>"分值"</th>
                    <td><CellInput field=Field::DeptGoal(goal, DeptGoalColumn::Weight) class="num short"/></td>
                    <td class="row-tools"><button type="button" class="danger" on:click=remove_goal>"删除此目标"</button></td>
                </tr>
                <tr>
                    <th>"产出指标分值"</th><td><CellInput field=Field::DeptGoal(goal, DeptGoalColumn::OutputWeight) class="num short"/></td>
                    <th>"效益指标分值"</th><td><CellInput field=Field::DeptGoal(goal, DeptGoalColumn::BenefitWeight) class="num short"/></td>
                    <td colspan="3"></td>
                </tr>
                <tr><th>"二级指标"</th><th>"指标名称"</th><th>"年初目标值"</th><th>"实际完成值"</th><th>"分值"</th><th>"得分"</th><th class="row-tools">"调整"</th></tr>
            </thead>
            <tbody>
                <For each=move || 0..rows() key=|i| *i let:row>
                    <tr class="indicator" data-testid="indicator-row">
                        <th class="level2">{move || ctx.form.with(|f| match f {
                            Form::Department(d) => d.goals.get(goal).and_then(|g| g.indicators.get(row)).map(|i| i.level2_text().to_string()).unwrap_or_default(),
                            _ => String::new(),
                        })}</th>
                        <td><CellInput field=cell(row, IndicatorColumn::Name) multiline=true/></td>
                        <td><CellInput field=cell(row, IndicatorColumn::Target) testid="indicator-target" multiline=true/></td>
                        <td><CellInput field=cell(row, IndicatorColumn::Actual) testid="indicator-actual" multiline=true/></td>
                        <td><CellInput field=cell(row, IndicatorColumn::Weight) class="num"/></td>
                        <td><CellInput field=cell(row, IndicatorColumn::Score) class="num"/></td>
                        <td class="row-tools"><RowTools table=table index=row/></td>
                    </tr>
                </For>
            </tbody>
        </table>
        <div class="add-rows">
            {format!("年度目标{}添加指标：", goal + 1)}
            {LEVEL2.into_iter().map(|l| view! {
                <button type="button" data-testid="add-indicator" data-level2=format!("{l:?}") data-goal=goal
                    on:click=move |_| add_row(ctx, table, l, |at| cell(at, IndicatorColumn::Name))>{l.label()}</button>
            }).collect_view()}
        </div>
    }
}
