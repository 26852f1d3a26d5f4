//! The project self-evaluation sheet (Beijing/central and Hubei layouts),
//! and the link to its declaration.

use leptos::prelude::*;

use super::{add_row, CellInput, Ctx, RowTools, YearInput};
use crate::core::edit::{self, Table};
use crate::core::field::{Field, FundColumn, GoalColumn, Header, IndicatorColumn};
use crate::core::model::{FundKind, Level2, ProjectLayout};
use crate::core::scoring::fmt_num;

/// The whole sheet of a project form.
#[component]
pub fn ProjectSheet(layout: ProjectLayout) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let year = move || ctx.form.with(|f| f.year().map(|y| y.to_string()).unwrap_or_default());
    view! {
        <Summary/>
        <super::declaration::LinkedDeclaration/>
        <h2 class="sheet-title">{move || match layout {
            ProjectLayout::Central => format!("项目支出绩效自评表（{}年度）", year()),
            ProjectLayout::Hubei => format!("{}年度项目支出绩效自评表（湖北）", year()),
        }}</h2>
        <Header layout=layout/>
        <Funds layout=layout/>
        <Goal layout=layout/>
        <Indicators/>
        {(layout == ProjectLayout::Hubei).then(|| view! {
            <table class="form-table">
                <tr><th>"偏差大或目标未完成原因分析"</th><td><CellInput field=Field::Header(Header::DeviationAnalysis) multiline=true/></td></tr>
                <tr><th>"改进措施及结果应用方案"</th><td><CellInput field=Field::Header(Header::Improvement) multiline=true/></td></tr>
            </table>
        })}
        <table class="form-table">
            <tr><th>"满意度调查依据"</th><td><CellInput field=Field::Header(Header::SatisfactionBasis) placeholder="如：发放问卷 200 份，回收 196 份"/></td></tr>
        </table>
    }
}

#[component]
fn Summary() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let total_points = move || ctx.view.with(|v| v.weight_sum);
    view! {
        <div class="summary" data-testid="summary">
            <span class="weight-sum" data-field="total.weight" tabindex="-1"
                class:mark-error=move || ctx.findings.with(|v| v.iter().any(|f| f.code == crate::core::validate::Code::TotalWeight))>
                "分值合计 " <b data-testid="weight-sum">{move || fmt_num(total_points())}</b> " / 100"
            </span>
            <span data-field="total" tabindex="-1" title=move || ctx.view.with(|v| v.total_explanation.clone())>
                "总分 " <b data-testid="total-score">{move || ctx.view.with(|v| v.total_text.clone())}</b>
            </span>
            <span data-field="grade" tabindex="-1">"等级 " <b data-testid="grade">{move || ctx.view.with(|v| v.grade_text.clone())}</b></span>
            <label class="not-carried-out">
                <input type="checkbox" data-testid="not-carried-out" prop:checked=move || ctx.project(|f| f.not_carried_out)
                    on:change=move |ev| ctx.update_project(|f| f.not_carried_out = event_target_checked(&ev))/>
                "项目未开展（不计分数）"
            </label>
            {move || (!ctx.auto.get()).then(|| view! {
                <span class="printed">
                    "表中总分 " <CellInput field=Field::Total class="short"/>
                    " 表中等级 " <CellInput field=Field::Grade class="short"/>
                </span>
            })}
        </div>
    }
}

#[component]
fn Header(layout: ProjectLayout) -> impl IntoView {
    let year_input = || view! { <YearInput/> };
    match layout {
        ProjectLayout::Central => view! {
            <table class="form-table">
                <tr><th>"项目名称"</th><td colspan="3"><CellInput field=Field::Header(Header::Name) testid="field-project-name"/></td><th>"评价年度"</th><td>{year_input()}</td></tr>
                <tr><th>"主管部门"</th><td><CellInput field=Field::Header(Header::Department)/></td><th>"实施单位"</th><td colspan="3"><CellInput field=Field::Header(Header::Implementer)/></td></tr>
                <tr><th>"项目负责人"</th><td><CellInput field=Field::Header(Header::Leader)/></td><th>"联系电话"</th><td colspan="3"><CellInput field=Field::Header(Header::Phone)/></td></tr>
            </table>
        }
        .into_any(),
        ProjectLayout::Hubei => view! {
            <table class="form-table">
                <tr><th>"单位名称"</th><td><CellInput field=Field::Header(Header::Unit)/></td><th>"填报日期"</th><td><CellInput field=Field::Header(Header::FillDate)/></td><th>"评价年度"</th><td>{year_input()}</td></tr>
                <tr><th>"项目名称"</th><td colspan="5"><CellInput field=Field::Header(Header::Name) testid="field-project-name"/></td></tr>
                <tr><th>"主管部门"</th><td colspan="2"><CellInput field=Field::Header(Header::Department)/></td><th>"项目实施单位"</th><td colspan="2"><CellInput field=Field::Header(Header::Implementer)/></td></tr>
            </table>
        }
        .into_any(),
    }
}

#[component]
fn Funds(layout: ProjectLayout) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let points = move || {
        ctx.project(|f| {
            crate::core::scheme::Scheme::of_project(f)
                .budget
                .as_ref()
                .map_or("—".into(), |b| fmt_num(b.points))
        })
    };
    let rate = move || {
        view! {
            <output data-testid="exec-rate" data-field="funds.rate" tabindex="-1" title=move || ctx.view.with(|v| v.rate_explanation.clone())>
                {move || ctx.view.with(|v| v.rate_text.clone())}
            </output>
        }
    };
    let score = move || {
        view! {
            <output data-testid="exec-score" data-field="funds.score" tabindex="-1" title=move || ctx.view.with(|v| v.budget_score_explanation.clone())>
                {move || ctx.view.with(|v| v.budget_score_text.clone())}
            </output>
        }
    };
    let printed = move || {
        (!ctx.auto.get()).then(|| {
            view! {
                <tr class="printed">
                    <th colspan="2">"表中填写"</th>
                    <td colspan="2">"执行率 " <CellInput field=Field::FundRate class="short"/></td>
                    <td colspan="2">"得分 " <CellInput field=Field::FundScore class="short"/></td>
                </tr>
            }
        })
    };
    let explanation = move || {
        view! {
            <p class="explain" data-testid="exec-explanation">
                {move || ctx.view.with(|v| v.rate_explanation.clone())}
                {move || ctx.view.with(|v| (!v.budget_score_explanation.is_empty()).then(|| format!("；预算执行得分 {}", v.budget_score_explanation)))}
            </p>
        }
    };
    match layout {
        ProjectLayout::Central => view! {
            <table class="form-table funds">
                <thead><tr><th>"项目资金（万元）"</th><th>"年初预算数"</th><th>"全年预算数"</th><th>"全年执行数"</th><th>"分值"</th><th>"执行率"</th><th>"得分"</th></tr></thead>
                <tbody>
                    {FundKind::ALL.into_iter().map(|kind| {
                        let total = kind == FundKind::Total;
                        let label = match kind { FundKind::Total => "年度资金总额", FundKind::CurrentYear => "其中：当年财政拨款", FundKind::CarriedOver => "　　上年结转资金", FundKind::Other => "　　其他资金" };
                        view! {
                            <tr>
                                <th>{label}</th>
                                <td><CellInput field=Field::Fund(kind, FundColumn::Initial) class="num"/></td>
                                <td><CellInput field=Field::Fund(kind, FundColumn::Annual) class="num" testid=if total { "fund-total-annual" } else { "" }/></td>
                                <td><CellInput field=Field::Fund(kind, FundColumn::Spent) class="num" testid=if total { "fund-total-spent" } else { "" }/></td>
                                {if total { view! { <td class="computed">{points}</td><td class="computed">{rate()}</td><td class="computed">{score()}</td> }.into_any() }
                                 else { view! { <td class="dash">"—"</td><td></td><td class="dash">"—"</td> }.into_any() }}
                            </tr>
                        }
                    }).collect_view()}
                    {printed}
                </tbody>
            </table>
            {explanation}
        }
        .into_any(),
        ProjectLayout::Hubei => view! {
            <table class="form-table funds">
                <thead><tr><th>"预算执行情况（万元）（20分）"</th><th>"预算数（A）"</th><th>"执行数（B）"</th><th>"执行率（B/A）"</th><th>"得分（20分×执行率）"</th></tr></thead>
                <tbody>
                    <tr>
                        <th>"年度财政资金总额"</th>
                        <td><CellInput field=Field::Fund(FundKind::Total, FundColumn::Annual) class="num" testid="fund-total-annual"/></td>
                        <td><CellInput field=Field::Fund(FundKind::Total, FundColumn::Spent) class="num" testid="fund-total-spent"/></td>
                        <td class="computed">{rate()}</td>
                        <td class="computed">{score()}</td>
                    </tr>
                    {printed}
                </tbody>
            </table>
            {explanation}
        }
        .into_any(),
    }
}

#[component]
fn Goal(layout: ProjectLayout) -> impl IntoView {
    let title = if layout == ProjectLayout::Hubei {
        "项目绩效总目标（20分）"
    } else {
        "年度总体目标"
    };
    view! {
        <table class="form-table goal">
            <thead><tr><th>{title}</th><th>"预期目标 / 年初设定目标"</th><th>"实际完成情况"</th>{(layout == ProjectLayout::Hubei).then(|| view! { <th>"得分"</th> })}</tr></thead>
            <tbody><tr>
                <th><span class="sr-only">"年度总体目标"</span></th>
                <td><CellInput field=Field::Goal(GoalColumn::Expected) multiline=true/></td>
                <td><CellInput field=Field::Goal(GoalColumn::Actual) multiline=true/></td>
                {(layout == ProjectLayout::Hubei).then(|| view! { <td><CellInput field=Field::Goal(GoalColumn::Score) class="num short"/></td> })}
            </tr></tbody>
        </table>
    }
}

#[component]
fn Indicators() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let count = move || ctx.project(|f| f.indicators.len());
    let add = move |level2: Level2| add_row(ctx, Table::Main, level2, |at| Field::indicator(at, IndicatorColumn::Name));
    view! {
        <table class="form-table indicators" data-field="indicators">
            <thead><tr>
                <th>"一级指标"</th><th>"二级指标"</th><th>"三级指标"</th><th>"年度指标值"</th><th>"实际完成值"</th>
                <th>"分值"</th><th>"得分"</th><th class="suggest">"建议得分"</th><th>"偏差原因分析及改进措施"</th><th class="row-tools">"不涉及 / 调整"</th>
            </tr></thead>
            <tbody>
                <For each=move || 0..count() key=|i| *i let:index>
                    <IndicatorRow index=index/>
                </For>
            </tbody>
        </table>
        <div class="add-rows">
            <super::RemoveBlankRows/>
            "添加指标："
            {Level2::ALL.into_iter().map(|l| view! {
                <button type="button" data-testid="add-indicator" data-level2=format!("{l:?}") on:click=move |_| add(l)>{l.label()}</button>
            }).collect_view()}
        </div>
    }
}

#[component]
fn IndicatorRow(index: usize) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // Memos: a keystroke elsewhere re-reads them once and touches no DOM here.
    // (二级, its label as shown, 不涉及, previous row's 二级)
    let shape = Memo::new(move |_| {
        ctx.project(|f| {
            let at = |i: Option<usize>| i.and_then(|i| f.indicators.get(i)).map(|r| r.level2);
            f.indicators.get(index).map(|i| {
                (
                    i.level2,
                    i.level2_text().to_string(),
                    i.not_applicable,
                    at(index.checked_sub(1)),
                )
            })
        })
    });
    let row = move || shape.get().map(|r| (r.0, r.1, r.2));
    let level2 = move || shape.with(|r| r.as_ref().map(|r| r.0));
    let prev_level2 = move || shape.with(|r| r.as_ref().and_then(|r| r.3));
    let first_of_level1 = move || level2().map(|l| l.level1()) != prev_level2().map(|l| l.level1());
    let first_of_level2 = move || level2() != prev_level2();
    let result = Memo::new(move |_| {
        ctx.view
            .with(|v| v.project().and_then(|r| r.indicators.iter().find(|r| r.index == index).cloned()))
    });
    let result = move || result.get();
    let suggestion = move || {
        result().and_then(|r| {
            let s = r.suggested()?;
            Some((s, r.claimed, r.explanation.clone()))
        })
    };
    let f = move |col: IndicatorColumn| Field::indicator(index, col);
    view! {
        <tr class="indicator" class:na=move || row().is_some_and(|r| r.2) data-testid="indicator-row">
            // Shown on a group's first row (as the printed form merges
            // them); kept for screen readers on every row.
            <th class="level1"><span class:sr-only=move || !first_of_level1()>{move || level2().map(|l| l.level1().label())}</span></th>
            <th class="level2"><span class:sr-only=move || !first_of_level2()>{move || row().map(|(_, label, _)| label)}</span></th>
            <td><CellInput field=f(IndicatorColumn::Name) multiline=true/></td>
            <td><CellInput field=f(IndicatorColumn::Target) testid="indicator-target" multiline=true/></td>
            <td><CellInput field=f(IndicatorColumn::Actual) testid="indicator-actual" multiline=true/></td>
            <td><CellInput field=f(IndicatorColumn::Weight) class="num"/></td>
            <td><CellInput field=f(IndicatorColumn::Score) class="num"/></td>
            <td class="suggest" title=move || result().map(|r| r.explanation).unwrap_or_default()>
                {move || suggestion().map(|(s, claimed, _)| {
                    if claimed == Some(s) {
                        view! { <span class="ok">"✓ " {fmt_num(s)}</span> }.into_any()
                    } else {
                        view! {
                            <button type="button" data-testid="accept-suggestion" title="采用建议得分"
                                on:click=move |_| { ctx.checkpoint(); ctx.form.update(|f| { edit::set(f, Field::indicator(index, IndicatorColumn::Score), &fmt_num(s)); }); ctx.checkpoint(); }>
                                "采用 " {fmt_num(s)}
                            </button>
                        }.into_any()
                    }
                })}
            </td>
            <td><CellInput field=f(IndicatorColumn::Reason) multiline=true/></td>
            <td class="row-tools">
                <label title="不涉及：不计分值、不计得分">
                    <input type="checkbox" data-testid="row-na" prop:checked=move || row().is_some_and(|r| r.2)
                        on:change=move |ev| ctx.update_project(|f| if let Some(i) = f.indicators.get_mut(index) { i.not_applicable = event_target_checked(&ev) })/>
                    "不涉及"
                </label>
                <RowTools table=Table::Main index=index/>
            </td>
        </tr>
    }
}

