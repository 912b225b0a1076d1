import { createApp } from 'vue'
import { createRouter, createWebHashHistory } from 'vue-router'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import MyWeek from './views/MyWeek.vue'
import Inbox from './views/Inbox.vue'
import NotFound from './views/NotFound.vue'
import { i18n } from './i18n'

// the screens past the first load on demand (the team's charts and the admin forms are most of the code)
const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/week' },
    { path: '/week/:isoWeek?', component: MyWeek, props: true },
    { path: '/inbox', component: Inbox },
    { path: '/board/:employeeId/:isoWeek?', component: MyWeek, props: true },
    { path: '/reports/:reportId', component: () => import('./views/Report.vue'), props: true },
    { path: '/goals/:goalId?', component: () => import('./views/Goals.vue'), props: true },
    { path: '/scores/:employeeId?/:month?', component: () => import('./views/Scores.vue'), props: true },
    { path: '/score/:employeeId/:isoWeek', component: () => import('./views/ScoreWeek.vue'), props: true },
    { path: '/team/:periodKey?', component: () => import('./views/Team.vue'), props: true },
    { path: '/admin', component: () => import('./views/Admin.vue') },
    { path: '/notices', component: () => import('./views/Notices.vue') },
    { path: '/:unknown(.*)*', component: NotFound },
  ],
})

createApp(App).use(router).use(i18n).use(ElementPlus).mount('#app')
